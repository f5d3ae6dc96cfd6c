using ModelMesh.Benchmarks.Common;

namespace ModelMesh.Benchmarks.ColdStart;

/// <summary>
/// One model's timings in milliseconds over N repetitions: raw session creation, creation + first Run, the first
/// request through the front door to a registered-but-unloaded model (cold) and the request right after it (warm).
/// </summary>
public sealed record ColdStartRow(string Model, long FileBytes, Percentiles CreateMs, Percentiles CreateAndRunMs, Percentiles ColdMs, Percentiles WarmMs)
{
    /// <summary>Cold first request / raw session creation, at the median.</summary>
    public double ColdOverCreate => ColdMs.Median / CreateMs.Median;

    /// <summary>What the mesh adds to creating and running the session, at the median (ms).</summary>
    public double MeshOverheadMs => ColdMs.Median - CreateAndRunMs.Median;
}
