using System.Collections.Concurrent;
using Prometheus;

namespace ModelMesh.Metrics;

/// <summary>
/// The ModelMesh metric families (docs/metrics.md has the table and the mapping from ModelMesh's names), as
/// prometheus-net collectors on one <see cref="CollectorRegistry"/> of their own: one instance per role (a front door,
/// a silo, or a whole <c>dev</c> process), never the static default registry, so roles in one process do not mix.
/// Silos and front doors record through the methods of the two partial files. Per-model labels (<c>model_id</c>) only
/// with <see cref="MeshMetricsOptions.PerModel"/>, capped per family (<see cref="CappedFamily{TChild}"/>). Exemplars
/// are off: an observation is bucket increments and an add, with no allocation.
/// </summary>
public sealed partial class MeshMetrics
{
    private readonly ConcurrentDictionary<object, (string SiloId, Func<SiloGaugeReading> Read)> _silos = new();
    private readonly ConcurrentDictionary<object, Func<int>> _managed = new();
    private readonly Lock _scrapeGate = new();

    /// <summary>Mesh families on a new registry of their own (no process metrics: see <see cref="Create"/>).</summary>
    public MeshMetrics(MeshMetricsOptions? options = null)
        : this(Prometheus.Metrics.NewCustomRegistry(), options)
    {
    }

    public MeshMetrics(CollectorRegistry registry, MeshMetricsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        Options = options ?? new MeshMetricsOptions();
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        factory.ExemplarBehavior = ExemplarBehavior.NoExemplars();
        string[] model = Options.PerModel ? ["model_id"] : [];
        var modelCap = Options.PerModel ? Options.MaxModelSeries : MeshMetricsOptions.DefaultMaxSeries;
        var latency = Buckets.Configuration(Buckets.LatencySeconds);

        InvokeModel = new(factory.CreateHistogram(MetricNames.InvokeModel, "Inference at the silo (decode, run queue, ONNX Runtime Run, encode) in seconds.", model, latency), factory, modelCap);
        _loadModel = factory.CreateHistogram(MetricNames.LoadModel, "Time to load a model copy (from a free load slot to a ready session) in seconds.", latency);
        _loadFailures = factory.CreateCounter(MetricNames.LoadModelFailures, "Model copy loads that failed (error, timeout, or measured size does not fit).");
        _unloadModel = factory.CreateHistogram(MetricNames.UnloadModel, "Time to unload a model copy in seconds.", latency);
        _unloadFailures = factory.CreateCounter(MetricNames.UnloadModelFailures, "Model copy unloads that failed.");
        _requestQueueDelay = factory.CreateHistogram(MetricNames.RequestQueueDelay, "Time an inference request waited for a run slot at the silo in seconds.", latency);
        _loadingQueueDelay = factory.CreateHistogram(MetricNames.LoadingQueueDelay, "Time a load waited for a load slot at the silo in seconds.", latency);
        _ageAtEviction = factory.CreateHistogram(MetricNames.AgeAtEviction, "Time since last use of model copies when they were evicted, in seconds.", Buckets.Configuration(Buckets.AgeSeconds));
        _loadedModelSize = factory.CreateHistogram(MetricNames.LoadedModelSize, "Measured size of model copies when loaded, in bytes.", Buckets.Configuration(Buckets.ModelBytes));
        _siloGauges = new SiloGauges(factory);

        ApiRequest = new(factory.CreateHistogram(MetricNames.ApiRequest, "Inference requests at the front door, by gRPC status code, in seconds.", ["code", .. model], latency), factory, Options.PerModel ? modelCap : 100);
        _cacheMiss = factory.CreateHistogram(MetricNames.CacheMiss, "Routed calls (inference, metadata) that went to a silo without a loaded copy and waited for a load, in seconds.", latency);
        RequestSize = new(factory.CreateHistogram(MetricNames.RequestSize, "Inference request message sizes at the front door in bytes.", model, Buckets.Configuration(Buckets.MessageBytes)), factory, modelCap);
        ResponseSize = new(factory.CreateHistogram(MetricNames.ResponseSize, "Inference response message sizes at the front door in bytes.", model, Buckets.Configuration(Buckets.MessageBytes)), factory, modelCap);
        _retries = factory.CreateCounter(MetricNames.ApiRequestRetries, "Inference attempts that failed on a silo with a retryable error (the router tries another silo while attempts and the deadline remain).");
        _modelsManaged = factory.CreateGauge(MetricNames.ModelsManaged, "Models registered in the mesh, as the front door's routing table sees them.", new GaugeConfiguration { SuppressInitialValue = true });

        registry.AddBeforeCollectCallback(UpdateScrapeTimeGauges);
    }

    /// <summary>The registry a /metrics endpoint serves (see <see cref="MetricsServer"/>).</summary>
    public CollectorRegistry Registry { get; }

    public MeshMetricsOptions Options { get; }

    /// <summary>A new registry with process metrics and the mesh families on it.</summary>
    public static MeshMetrics Create(MeshMetricsOptions? options = null)
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        ProcessMetrics.Register(registry);
        return new MeshMetrics(registry, options);
    }

    /// <summary>Gauges read from callbacks (silo instance gauges, models managed) are set before each collection.</summary>
    private void UpdateScrapeTimeGauges()
    {
        lock (_scrapeGate)
        {
            _siloGauges.Update(ReadSilos());
            if (_managed.IsEmpty)
            {
                _modelsManaged.Unpublish();
            }
            else
            {
                _modelsManaged.Set(_managed.Values.Max(read => read()));
            }
        }
    }

    private sealed class Registration(Action remove) : IDisposable
    {
        private Action? _remove = remove;

        public void Dispose() => Interlocked.Exchange(ref _remove, null)?.Invoke();
    }
}
