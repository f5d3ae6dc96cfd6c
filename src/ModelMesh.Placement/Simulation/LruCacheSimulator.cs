namespace ModelMesh.Placement.Simulation;

/// <summary>Plain least-recently-used cache (no churn guard, no in-flight protection): the online baseline.</summary>
public sealed class LruCacheSimulator : ICacheSimulator
{
    public string Name => "LRU";

    public CacheSimulationResult Run(IReadOnlyList<TraceRequest> trace, long capacityBytes)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);

        var recency = new LinkedList<TraceRequest>();
        var cached = new Dictionary<string, LinkedListNode<TraceRequest>>(StringComparer.Ordinal);
        long used = 0, hits = 0, loaded = 0, unservable = 0;
        for (var i = 0; i < trace.Count; i++)
        {
            var request = trace[i];
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
}
