using ModelMesh.Benchmarks.Common;

namespace ModelMesh.Benchmarks.LoadSpread;

/// <summary>
/// One burst: N first requests for N distinct cold models released at once. Makespan = gate release to the last
/// answer; latencies (ms) from the gate to each answer; loaded copies per silo afterwards; requests that failed or
/// whose output differed from the plain-C# reference (beyond 1e-3 absolute).
/// </summary>
public sealed record BurstRound(string Mode, int Round, double MakespanMs, Percentiles LatencyMs, int[] LoadsPerSilo, int Failed, int WrongOutputs, double MaxAbsError, string? FirstError)
{
    public const double Tolerance = 1e-3;
}
