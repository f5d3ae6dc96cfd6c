namespace ModelMesh.Placement.Simulation;

/// <summary>
/// Plain least-recently-used cache (no churn guard, no in-flight protection): the online baseline. With an admission
/// window it is TinyLFU as cachesim.py measures it (<see cref="TinyLfuBypassSimulator"/>): a miss is cached only when
/// the newcomer was asked for more often than every victim it would evict, else it is answered without being cached.
/// </summary>
public sealed class LruCacheSimulator : ICacheSimulator
{
    private readonly int? _admissionWindow;

    public LruCacheSimulator()
    {
    }

    /// <param name="admissionWindow">TinyLFU sketch ageing: requests per held copy between halvings.</param>
    internal LruCacheSimulator(int admissionWindow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(admissionWindow, 1);
        _admissionWindow = admissionWindow;
    }

    public string Name => _admissionWindow is null ? "LRU" : "TinyLFU (bypass)";

    public CacheSimulationResult Run(IReadOnlyList<TraceRequest> trace, long capacityBytes)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);

        var sketch = _admissionWindow is { } window ? new FrequencySketch(window) : null;
        var recency = new LinkedList<TraceRequest>();
        var cached = new Dictionary<string, LinkedListNode<TraceRequest>>(StringComparer.Ordinal);
        long used = 0, hits = 0, loaded = 0, unservable = 0;
        for (var i = 0; i < trace.Count; i++)
        {
            var request = trace[i];
            sketch?.Increment(request.ModelId);
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

            sketch?.EnsureCapacity(cached.Count);
            if (sketch is not null && !Admits(sketch, recency, capacityBytes - used, request))
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
