using Prometheus;

namespace ModelMesh.Metrics;

/// <summary>The front door's side: inference requests by code, cache misses, message sizes, retries, models managed.</summary>
public sealed partial class MeshMetrics
{
    private readonly Histogram _cacheMiss;
    private readonly Counter _retries;
    private readonly Gauge _modelsManaged;

    public CappedFamily<Histogram.Child> ApiRequest { get; }

    public CappedFamily<Histogram.Child> RequestSize { get; }

    public CappedFamily<Histogram.Child> ResponseSize { get; }

    /// <summary>One inference request that reached routing: its gRPC status code, latency and sizes (response 0 on error).</summary>
    public void Request(string modelId, int grpcCode, TimeSpan elapsed, long requestBytes, long responseBytes)
    {
        var code = GrpcCodeNames.Of(grpcCode);
        if (Options.PerModel)
        {
            ApiRequest.WithLabels(code, modelId).Observe(elapsed.TotalSeconds);
            RequestSize.WithLabels(modelId).Observe(requestBytes);
            if (grpcCode == 0)
            {
                ResponseSize.WithLabels(modelId).Observe(responseBytes);
            }
        }
        else
        {
            ApiRequest.WithLabels(code).Observe(elapsed.TotalSeconds);
            RequestSize.WithLabels().Observe(requestBytes);
            if (grpcCode == 0)
            {
                ResponseSize.WithLabels().Observe(responseBytes);
            }
        }
    }

    /// <summary>A routed call (inference or metadata) that succeeded after going to a silo without a loaded copy.</summary>
    public void CacheMiss(TimeSpan elapsed) => _cacheMiss.Observe(elapsed.TotalSeconds);

    public void Retried() => _retries.Inc();

    /// <summary>Adds a reader of the number of models managed (the largest reader wins); dispose to remove it.</summary>
    public IDisposable AddModelsManaged(Func<int> read)
    {
        var key = new object();
        _managed[key] = read;
        return new Registration(() => _managed.TryRemove(key, out _));
    }
}
