namespace ModelMesh.Benchmarks.HitRatio;

/// <summary>
/// One replay of a Zipf trace on a real dev cluster, next to LRU and Belady-Size simulated on the same trace and
/// total capacity. Simulated twice: with the files' sizes, and with the sizes the silos accounted (each model's
/// median measured size during this replay), which is what the mesh actually packed.
/// </summary>
public sealed record MeshRow(
    double S,
    int Silos,
    int Models,
    int Requests,
    int DistinctModels,
    long CapacityBytes,
    long TotalFileBytes,
    long TotalAccountedBytes,
    long MeshHits,
    long MeshMisses,
    long MeshFailed,
    long SiloLoads,
    long SpareLoads,
    long SiloEvictions,
    double HitLatencyMedianMs,
    double MissLatencyMedianMs,
    double SecondsTaken,
    double LruHitRatioFileSizes,
    double BeladyHitRatioFileSizes,
    double LruHitRatioAccounted,
    double BeladyHitRatioAccounted)
{
    public double MeshHitRatio => (double)MeshHits / Requests;
}
