namespace ModelMesh.Placement.Simulation;

/// <summary>
/// Offline reference: Belady's MIN, which evicts the copy whose next use is farthest in the future. With equal
/// sizes and forced admission this is optimal, so no online policy beats it. With variable sizes exact optimum
/// is NP-hard, and this uses the standard size-aware heuristic (Belady-Size, as in libCacheSim and
/// webcachesim): evict the copy with the largest (distance to next use) x (size) first, never-used-again copies
/// before all others, until the requested model fits. That is a near-optimal bound, not a proven one: an
/// online policy may beat it on an adversarial trace.
/// </summary>
public sealed class BeladyCacheSimulator : ICacheSimulator
{
    public string Name => "Belady-Size";

    public CacheSimulationResult Run(IReadOnlyList<TraceRequest> trace, long capacityBytes)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);

        var nextUse = NextUses(trace);
        var cached = new Dictionary<string, CachedCopy>(StringComparer.Ordinal);
        var scratch = new PriorityQueue<string, (double Score, string ModelId)>(VictimFirst.Instance);
        long used = 0, hits = 0, loaded = 0, unservable = 0;
        for (var i = 0; i < trace.Count; i++)
        {
            var request = trace[i];
            if (cached.TryGetValue(request.ModelId, out var copy))
            {
                hits++;
                cached[request.ModelId] = copy with { NextUse = nextUse[i] };
                continue;
            }

            if (request.SizeBytes > capacityBytes)
            {
                unservable++;
                continue;
            }

            if (capacityBytes - used < request.SizeBytes)
            {
                used -= EvictUntilFits(cached, scratch, i, capacityBytes - used, request.SizeBytes);
            }

            cached[request.ModelId] = new CachedCopy(request.SizeBytes, nextUse[i]);
            used += request.SizeBytes;
            loaded += request.SizeBytes;
        }

        return new CacheSimulationResult(trace.Count, hits, loaded, unservable);
    }

    /// <summary>For each position, the position of the next request to the same model (int.MaxValue: never).</summary>
    internal static int[] NextUses(IReadOnlyList<TraceRequest> trace)
    {
        var next = new int[trace.Count];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = trace.Count - 1; i >= 0; i--)
        {
            next[i] = seen.TryGetValue(trace[i].ModelId, out var j) ? j : int.MaxValue;
            seen[trace[i].ModelId] = i;
        }

        return next;
    }

    private static long EvictUntilFits(Dictionary<string, CachedCopy> cached, PriorityQueue<string, (double Score, string ModelId)> scratch, int now, long free, long needed)
    {
        scratch.Clear();
        foreach (var (id, copy) in cached)
        {
            var score = copy.NextUse == int.MaxValue ? double.PositiveInfinity : (double)(copy.NextUse - now) * copy.SizeBytes;
            scratch.Enqueue(id, (score, id));
        }

        long freed = 0;
        while (free + freed < needed)
        {
            var victim = scratch.Dequeue();
            freed += cached[victim].SizeBytes;
            cached.Remove(victim);
        }

        return freed;
    }

    /// <summary>Largest score first; the model id breaks ties so runs are deterministic.</summary>
    private sealed class VictimFirst : IComparer<(double Score, string ModelId)>
    {
        public static readonly VictimFirst Instance = new();

        public int Compare((double Score, string ModelId) x, (double Score, string ModelId) y) =>
            x.Score != y.Score ? y.Score.CompareTo(x.Score) : string.CompareOrdinal(x.ModelId, y.ModelId);
    }

    private readonly record struct CachedCopy(long SizeBytes, int NextUse);
}
