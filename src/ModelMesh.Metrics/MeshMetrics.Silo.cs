namespace ModelMesh.Metrics;

/// <summary>The silo's side: loads, unloads, evictions, run queue, invocations, and the instance gauges.</summary>
public sealed partial class MeshMetrics
{
    private readonly Histogram _loadModel;
    private readonly Counter _loadFailures;
    private readonly Histogram _unloadModel;
    private readonly Counter _unloadFailures;
    private readonly Histogram _requestQueueDelay;
    private readonly Histogram _loadingQueueDelay;
    private readonly Histogram _ageAtEviction;
    private readonly Histogram _loadedModelSize;

    public HistogramFamily InvokeModel { get; }

    public void LoadQueued(TimeSpan delay) => _loadingQueueDelay.Observe(delay);

    public void LoadCompleted(TimeSpan elapsed) => _loadModel.Observe(elapsed);

    public void ModelLoaded(long sizeBytes) => _loadedModelSize.Observe(sizeBytes);

    public void LoadFailed() => _loadFailures.Inc();

    public void Unloaded(TimeSpan elapsed) => _unloadModel.Observe(elapsed);

    public void UnloadFailed() => _unloadFailures.Inc();

    public void Evicted(TimeSpan sinceLastUse) => _ageAtEviction.Observe(sinceLastUse);

    public void RequestQueued(TimeSpan delay) => _requestQueueDelay.Observe(delay);

    public void Invoked(string modelId, TimeSpan elapsed) =>
        (Options.PerModel ? InvokeModel.WithLabels(modelId) : InvokeModel.WithLabels()).Observe(elapsed);

    /// <summary>Adds a silo whose gauges are read at scrape time (label <c>silo</c>); dispose to remove it.</summary>
    public IDisposable AddSilo(string siloId, Func<SiloGaugeReading> read)
    {
        var key = new object();
        _silos[key] = (siloId, read);
        return new Registration(() => _silos.TryRemove(key, out _));
    }

    private void RegisterSiloGauges(MetricsRegistry registry)
    {
        registry.CreateCallback("modelmesh_models_loaded", "Model copies loaded on the silo.", MetricType.Gauge, ["silo"],
            () => ReadSilos().Select(s => LabeledValue.Of(s.SiloId, s.Reading.ModelsLoaded)));
        registry.CreateCallback("modelmesh_instance_models", "Model copies held by the silo in any state (loading, loaded, failed).", MetricType.Gauge, ["silo"],
            () => ReadSilos().Select(s => LabeledValue.Of(s.SiloId, s.Reading.Copies)));
        registry.CreateCallback("modelmesh_instance_lru_age_seconds", "Seconds since the least recently used evictable copy on the silo was used.", MetricType.Gauge, ["silo"],
            () => ReadSilos().Where(s => s.Reading.LruAgeSeconds is not null).Select(s => LabeledValue.Of(s.SiloId, s.Reading.LruAgeSeconds!.Value)));
        registry.CreateCallback("modelmesh_instance_capacity_bytes", "Memory the silo may fill with model copies, per device, in bytes.", MetricType.Gauge, ["silo", "device"],
            () => ReadSilos().SelectMany(s => s.Reading.Devices.Select(d => new LabeledValue([s.SiloId, d.Device], d.CapacityBytes))));
        registry.CreateCallback("modelmesh_instance_used_bytes", "Memory used by model copies (loading and loaded), per device, in bytes.", MetricType.Gauge, ["silo", "device"],
            () => ReadSilos().SelectMany(s => s.Reading.Devices.Select(d => new LabeledValue([s.SiloId, d.Device], d.UsedBytes))));
    }

    private List<(string SiloId, SiloGaugeReading Reading)> ReadSilos()
    {
        var readings = new List<(string, SiloGaugeReading)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (siloId, read) in _silos.Values)
        {
            if (seen.Add(siloId))
            {
                readings.Add((siloId, read()));
            }
        }

        return readings;
    }
}
