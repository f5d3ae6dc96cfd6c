namespace ModelMesh.Benchmarks.HitRatio;

/// <summary>
/// LRU, TinyLFU (served: the silo's policy; bypass: cachesim.py's, not servable) and Belady-Size on one simulated
/// Zipf trace: hit ratios and bytes loaded by misses.
/// </summary>
public sealed record SimulationRow(
    double S, int Models, int Requests, long CapacityBytes, long TotalBytes, double LruHitRatio, double BeladyHitRatio, long LruBytesLoaded, long BeladyBytesLoaded,
    double TinyLfuHitRatio, long TinyLfuBytesLoaded, double TinyLfuBypassHitRatio, bool EqualSizes)
{
    /// <summary>How far LRU is from the offline reference: LRU misses / Belady misses.</summary>
    public double MissRatio => (1 - LruHitRatio) / (1 - BeladyHitRatio);

    public double LruOfBelady => LruHitRatio / BeladyHitRatio;

    public double TinyLfuOfBelady => TinyLfuHitRatio / BeladyHitRatio;

    public double TinyLfuBypassOfBelady => TinyLfuBypassHitRatio / BeladyHitRatio;
}
