using ModelMesh.Benchmarks.Common;

namespace ModelMesh.Benchmarks.ColdStart;

/// <summary>
/// One model's timings in milliseconds over N repetitions: raw session creation, creation + first Run, the first
/// request through the front door to a registered-but-unloaded model (cold) and the request right after it (warm).
/// </summary>
public sealed record ColdStartRow(string Model, long FileBytes, Percentiles CreateMs, Percentiles CreateAndRunMs, Percentiles ColdMs, Percentiles WarmMs)
{
    /// <summary>Each span's summed duration within the cold request (front door, Orleans grain calls, silo load stages), longest first.</summary>
    public IReadOnlyList<SpanTiming> ColdSpans { get; init; } = [];

    /// <summary>The same for the warm request right after it.</summary>
    public IReadOnlyList<SpanTiming> WarmSpans { get; init; } = [];

    /// <summary>Cold first request / raw session creation, at the median.</summary>
    public double ColdOverCreate => ColdMs.Median / CreateMs.Median;

    /// <summary>What the mesh adds to creating and running the session, at the median (ms).</summary>
    public double MeshOverheadMs => ColdMs.Median - CreateAndRunMs.Median;
}
