using Prometheus;

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
    private readonly SiloGauges _siloGauges;

    public CappedFamily<Histogram.Child> InvokeModel { get; }

    public void LoadQueued(TimeSpan delay) => _loadingQueueDelay.Observe(delay.TotalSeconds);

    public void LoadCompleted(TimeSpan elapsed) => _loadModel.Observe(elapsed.TotalSeconds);

    public void ModelLoaded(long sizeBytes) => _loadedModelSize.Observe(sizeBytes);

    public void LoadFailed() => _loadFailures.Inc();

    public void Unloaded(TimeSpan elapsed) => _unloadModel.Observe(elapsed.TotalSeconds);

    public void UnloadFailed() => _unloadFailures.Inc();

    public void Evicted(TimeSpan sinceLastUse) => _ageAtEviction.Observe(sinceLastUse.TotalSeconds);

    public void RequestQueued(TimeSpan delay) => _requestQueueDelay.Observe(delay.TotalSeconds);

    public void Invoked(string modelId, TimeSpan elapsed) =>
        (Options.PerModel ? InvokeModel.WithLabels(modelId) : InvokeModel.WithLabels()).Observe(elapsed.TotalSeconds);

    /// <summary>Adds a silo whose gauges are read at scrape time (label <c>silo</c>); dispose to remove it.</summary>
    public IDisposable AddSilo(string siloId, Func<SiloGaugeReading> read)
    {
        var key = new object();
        _silos[key] = (siloId, read);
        return new Registration(() => _silos.TryRemove(key, out _));
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
