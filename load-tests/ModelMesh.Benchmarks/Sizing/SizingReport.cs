using ModelMesh.Benchmarks.Common;
using ModelMesh.Benchmarks.Latency;

namespace ModelMesh.Benchmarks.Sizing;

/// <summary>Everything one <c>sizing</c> run produced, with the error summary of both methods.</summary>
public sealed record SizingReport(MachineInfo Machine, DateTimeOffset StartedAt, IReadOnlyList<ProbeResult> Results, IReadOnlyList<string> Failures)
{
    /// <summary>Absolute relative error of prediction (file x factor), over models with a positive real growth.</summary>
    public Percentiles PredictedAbsError => Percentiles.Of(Valid.Select(r => Math.Abs(r.PredictedError)));

    public Percentiles MeasuredAbsError => Percentiles.Of(Valid.Select(r => Math.Abs(r.MeasuredError)));

    /// <summary>Same, only for models of at least 1 MiB (below that the real growth is a few pages and dominated by noise).</summary>
    public Percentiles PredictedAbsErrorLarge => Percentiles.Of(Valid.Where(r => r.FileBytes >= 1 << 20).Select(r => Math.Abs(r.PredictedError)));

    public Percentiles MeasuredAbsErrorLarge => Percentiles.Of(Valid.Where(r => r.FileBytes >= 1 << 20).Select(r => Math.Abs(r.MeasuredError)));

    /// <summary>Models whose real growth exceeded the estimate (an accounting that would let the silo over-commit).</summary>
    public int PredictedUnder => Valid.Count(r => r.PredictedError < 0);

    public int MeasuredUnder => Valid.Count(r => r.MeasuredError < 0);

    private IEnumerable<ProbeResult> Valid => Results.Where(r => r.RealBytes > 0);
}
