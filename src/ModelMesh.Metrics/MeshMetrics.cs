using System.Collections.Concurrent;

namespace ModelMesh.Metrics;

/// <summary>
/// The ModelMesh metric families (docs/metrics.md has the table and the mapping from ModelMesh's names): ModelMesh's
/// stems in base units, counters ending in <c>_total</c>, gauges never. One instance per process feeds one registry;
/// silos and front doors record into it through the methods of the two partial files. Per-model labels
/// (<c>model_id</c>) only with <see cref="MeshMetricsOptions.PerModel"/>, capped per family.
/// </summary>
public sealed partial class MeshMetrics
{
    /// <summary>Age at eviction: one second to a week.</summary>
    public static readonly IReadOnlyList<double> AgeBuckets = [1, 10, 60, 300, 900, 1800, 3600, 7200, 14400, 43200, 86400, 259200, 604800];

    private readonly ConcurrentDictionary<object, (string SiloId, Func<SiloGaugeReading> Read)> _silos = new();
    private readonly ConcurrentDictionary<object, Func<int>> _managed = new();

    public MeshMetrics(MetricsRegistry registry, MeshMetricsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        Options = options ?? new MeshMetricsOptions();
        string[] model = Options.PerModel ? ["model_id"] : [];
        var modelCap = Options.PerModel ? Options.MaxModelSeries : LabeledFamily<Counter>.DefaultMaxSeries;

        InvokeModel = registry.CreateHistogramFamily("modelmesh_invoke_model_seconds", "Inference at the silo (decode, run queue, ONNX Runtime Run, encode) in seconds.", model, maxSeries: modelCap);
        _loadModel = registry.CreateHistogram("modelmesh_loadmodel_seconds", "Time to load a model copy (from a free load slot to a ready session) in seconds.");
        _loadFailures = registry.CreateCounter("modelmesh_loadmodel_failure_total", "Model copy loads that failed (error, timeout, or measured size does not fit).");
        _unloadModel = registry.CreateHistogram("modelmesh_unloadmodel_seconds", "Time to unload a model copy in seconds.");
        _unloadFailures = registry.CreateCounter("modelmesh_unloadmodel_failure_total", "Model copy unloads that failed.");
        _requestQueueDelay = registry.CreateHistogram("modelmesh_req_queue_delay_seconds", "Time an inference request waited for a run slot at the silo in seconds.");
        _loadingQueueDelay = registry.CreateHistogram("modelmesh_loading_queue_delay_seconds", "Time a load waited for a load slot at the silo in seconds.");
        _ageAtEviction = registry.CreateHistogram("modelmesh_age_at_eviction_seconds", "Time since last use of model copies when they were evicted, in seconds.", AgeBuckets);
        _loadedModelSize = registry.CreateHistogram("modelmesh_loaded_model_size_bytes", "Measured size of model copies when loaded, in bytes.", Buckets.ModelBytes);
        RegisterSiloGauges(registry);

        ApiRequest = registry.CreateHistogramFamily("modelmesh_api_request_seconds", "Inference requests at the front door, by gRPC status code, in seconds.", ["code", .. model], maxSeries: Options.PerModel ? modelCap : 100);
        _cacheMiss = registry.CreateHistogram("modelmesh_cache_miss_seconds", "Routed calls (inference, metadata) that went to a silo without a loaded copy and waited for a load, in seconds.");
        RequestSize = registry.CreateHistogramFamily("modelmesh_request_size_bytes", "Inference request message sizes at the front door in bytes.", model, Buckets.MessageBytes, modelCap);
        ResponseSize = registry.CreateHistogramFamily("modelmesh_response_size_bytes", "Inference response message sizes at the front door in bytes.", model, Buckets.MessageBytes, modelCap);
        _retries = registry.CreateCounter("modelmesh_api_request_retries_total", "Inference attempts that failed on a silo with a retryable error (the router tries another silo while attempts and the deadline remain).");
        registry.CreateCallback("modelmesh_models_managed", "Models registered in the mesh, as the front door's routing table sees them.", MetricType.Gauge, [],
            () => _managed.IsEmpty ? [] : [LabeledValue.Of(_managed.Values.Max(read => read()))]);
    }

    public MetricsRegistry Registry { get; }

    public MeshMetricsOptions Options { get; }

    /// <summary>A registry with process metrics and the mesh families on it.</summary>
    public static MeshMetrics Create(MeshMetricsOptions? options = null)
    {
        var registry = new MetricsRegistry();
        ProcessMetrics.Register(registry);
        return new MeshMetrics(registry, options);
    }

    private sealed class Registration(Action remove) : IDisposable
    {
        private Action? _remove = remove;

        public void Dispose() => Interlocked.Exchange(ref _remove, null)?.Invoke();
    }
}
