namespace ModelMesh.Metrics;

/// <summary>The metric types of the Prometheus text format that this library writes.</summary>
public enum MetricType
{
    Counter,
    Gauge,
    Histogram,
}
