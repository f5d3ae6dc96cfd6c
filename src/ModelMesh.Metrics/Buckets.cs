namespace ModelMesh.Metrics;

/// <summary>Histogram bucket upper bounds of the mesh's histograms (prometheus-net adds the <c>+Inf</c> bucket).</summary>
public static class Buckets
{
    /// <summary>Latency in seconds from 100 µs to 60 s, roughly 1-2.5-5 per decade.</summary>
    public static IReadOnlyList<double> LatencySeconds { get; } =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    /// <summary>Message sizes in bytes from 256 B to 256 MiB, by factors of 4.</summary>
    public static IReadOnlyList<double> MessageBytes { get; } = Prometheus.Histogram.ExponentialBuckets(256, 4, 11);

    /// <summary>Model sizes in bytes from 64 KiB to 64 GiB, by factors of 4.</summary>
    public static IReadOnlyList<double> ModelBytes { get; } = Prometheus.Histogram.ExponentialBuckets(65536, 4, 11);

    /// <summary>Age of a model copy at eviction: one second to a week.</summary>
    public static IReadOnlyList<double> AgeSeconds { get; } = [1, 10, 60, 300, 900, 1800, 3600, 7200, 14400, 43200, 86400, 259200, 604800];

    /// <summary>A histogram configuration with these bounds (a copy: prometheus-net keeps the array it is given).</summary>
    public static Prometheus.HistogramConfiguration Configuration(IReadOnlyList<double> bounds) => new() { Buckets = [.. bounds] };
}
