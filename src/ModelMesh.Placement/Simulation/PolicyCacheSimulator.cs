namespace ModelMesh.Placement.Simulation;

/// <summary>
/// Replays a trace through the silo's own <see cref="CachePolicy"/> (churn guard off, nothing in flight), with a
/// <see cref="FrequencySketch"/> fed by every request when the policy's admission is TinyLFU: what a silo would do,
/// with forced admission (every miss loads, as in the mesh). A request's index is its time.
/// </summary>
public sealed class PolicyCacheSimulator(CacheOptions options) : ICacheSimulator
{
    private readonly CacheOptions _options = WithoutChurnGuard(options);

    public string Name => _options.Admission == AdmissionPolicy.TinyLfu ? "TinyLFU (served)" : "LRU (policy)";

    public CacheSimulationResult Run(IReadOnlyList<TraceRequest> trace, long capacityBytes)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);

        var policy = new CachePolicy(_options);
        var counting = _options.Admission == AdmissionPolicy.TinyLfu;
        var sketch = new FrequencySketch(_options.FrequencyWindow);
        var cached = new Dictionary<string, (long SizeBytes, long LastUsed)>(StringComparer.Ordinal);
        var entries = new List<CacheEntry>();
        long used = 0, hits = 0, loaded = 0, unservable = 0;
        for (var i = 0; i < trace.Count; i++)
        {
            var request = trace[i];
            if (counting)
            {
                sketch.Increment(request.ModelId);
            }

            if (cached.TryGetValue(request.ModelId, out var copy))
            {
                hits++;
                cached[request.ModelId] = copy with { LastUsed = i };
                continue;
            }

            if (counting)
            {
                sketch.EnsureCapacity(cached.Count);
            }

            entries.Clear();
            foreach (var (id, c) in cached)
            {
                entries.Add(new CacheEntry(id, c.SizeBytes, At(c.LastUsed), 0, IsSpare: false, IsLoading: false, counting ? sketch.Estimate(id) : 0));
            }

            var plan = policy.PlanReservation(capacityBytes, used, request.SizeBytes, entries, At(i), counting ? sketch.Estimate(request.ModelId) : 0);
            if (!plan.Admitted)
            {
                unservable++;
                continue;
            }

            foreach (var victim in plan.Victims)
            {
                used -= cached[victim].SizeBytes;
                cached.Remove(victim);
            }

            cached[request.ModelId] = (request.SizeBytes, i);
            used += request.SizeBytes;
            loaded += request.SizeBytes;
        }

        return new CacheSimulationResult(trace.Count, hits, loaded, unservable);
    }

    private static DateTimeOffset At(long index) => DateTimeOffset.UnixEpoch.AddTicks(index);

    private static CacheOptions WithoutChurnGuard(CacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new CacheOptions
        {
            Admission = options.Admission,
            FrequencyWindow = options.FrequencyWindow,
            ChurnGuard = TimeSpan.Zero,
            LoadTimeout = options.LoadTimeout,
            FailureExpiry = options.FailureExpiry,
        };
    }
}
