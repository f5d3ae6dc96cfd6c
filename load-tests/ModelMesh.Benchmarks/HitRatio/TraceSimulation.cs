using ModelMesh.Placement;
using ModelMesh.Placement.Simulation;

namespace ModelMesh.Benchmarks.HitRatio;

/// <summary>
/// Runs LRU, TinyLFU (served and bypass) and Belady-Size over one Zipf trace at a capacity that holds a fraction of all
/// the models' bytes. With <c>equalSizes</c> every model has the same size (cachesim.py's setting: capacity in models).
/// </summary>
public static class TraceSimulation
{
    public static SimulationRow Run(double s, int seed, int models, int requests, long minBytes, long maxBytes, double capacityFraction, bool equalSizes = false)
    {
        var generator = new ZipfTraceGenerator(seed, models, s, equalSizes ? maxBytes : minBytes, maxBytes);
        var total = generator.Models.Sum(m => m.SizeBytes);
        var capacity = (long)(total * capacityFraction);
        var trace = generator.Generate(requests);
        var lru = new LruCacheSimulator().Run(trace, capacity);
        var belady = new BeladyCacheSimulator().Run(trace, capacity);
        var tinyLfu = new PolicyCacheSimulator(new CacheOptions { Admission = AdmissionPolicy.TinyLfu }).Run(trace, capacity);
        var bypass = new TinyLfuBypassSimulator(new CacheOptions().FrequencyWindow).Run(trace, capacity);
        return new SimulationRow(s, models, requests, capacity, total, lru.HitRatio, belady.HitRatio, lru.BytesLoaded, belady.BytesLoaded,
            tinyLfu.HitRatio, tinyLfu.BytesLoaded, bypass.HitRatio, equalSizes);
    }

    /// <summary>The same trace with each model's size replaced (models missing from the map keep theirs).</summary>
    public static (double Lru, double Belady) Resized(IReadOnlyList<TraceRequest> trace, IReadOnlyDictionary<string, long> sizes, long capacity)
    {
        var resized = trace.Select(r => sizes.TryGetValue(r.ModelId, out var size) ? r with { SizeBytes = size } : r).ToArray();
        return (new LruCacheSimulator().Run(resized, capacity).HitRatio, new BeladyCacheSimulator().Run(resized, capacity).HitRatio);
    }
}
