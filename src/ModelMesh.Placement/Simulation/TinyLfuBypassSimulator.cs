namespace ModelMesh.Placement.Simulation;

/// <summary>
/// TinyLFU as cachesim.py measures it (the reference point, not something a serving mesh can do): an LRU cache
/// whose misses are admitted only when the newcomer was asked for more often than every victim it would evict
/// (<see cref="FrequencySketch"/>); a newcomer not admitted is answered without being cached, i.e. the request
/// is a miss and nothing is evicted. A mesh must load a model to serve it: <see cref="PolicyCacheSimulator"/>
/// with <see cref="AdmissionPolicy.TinyLfu"/> is the servable variant (see <see cref="CachePolicy"/>).
/// </summary>
public sealed class TinyLfuBypassSimulator(int window = 10) : ICacheSimulator
{
    public string Name => "TinyLFU (bypass)";

    public CacheSimulationResult Run(IReadOnlyList<TraceRequest> trace, long capacityBytes)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);

        var sketch = new FrequencySketch(window);
        var recency = new LinkedList<TraceRequest>();
        var cached = new Dictionary<string, LinkedListNode<TraceRequest>>(StringComparer.Ordinal);
        long used = 0, hits = 0, loaded = 0, unservable = 0;
        for (var i = 0; i < trace.Count; i++)
        {
            var request = trace[i];
            sketch.Increment(request.ModelId);
            if (cached.TryGetValue(request.ModelId, out var node))
            {
                hits++;
                recency.Remove(node);
                recency.AddFirst(node);
                continue;
            }

            if (request.SizeBytes > capacityBytes)
            {
                unservable++;
                continue;
            }

            sketch.EnsureCapacity(cached.Count);
            if (!Admits(sketch, recency, capacityBytes - used, request))
            {
                continue;
            }

            while (capacityBytes - used < request.SizeBytes)
            {
                var victim = recency.Last!;
                recency.RemoveLast();
                cached.Remove(victim.Value.ModelId);
                used -= victim.Value.SizeBytes;
            }

            cached[request.ModelId] = recency.AddFirst(request);
            used += request.SizeBytes;
            loaded += request.SizeBytes;
        }

        return new CacheSimulationResult(trace.Count, hits, loaded, unservable);
    }

    /// <summary>True when the newcomer fits, or is asked for more often than each least recently used copy it would evict.</summary>
    private static bool Admits(FrequencySketch sketch, LinkedList<TraceRequest> recency, long free, TraceRequest request)
    {
        var frequency = sketch.Estimate(request.ModelId);
        for (var victim = recency.Last; victim is not null && free < request.SizeBytes; victim = victim.Previous)
        {
            if (sketch.Estimate(victim.Value.ModelId) >= frequency)
            {
                return false;
            }

            free += victim.Value.SizeBytes;
        }

        return true;
    }
}
