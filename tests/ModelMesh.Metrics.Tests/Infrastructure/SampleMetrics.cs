namespace ModelMesh.Metrics.Tests.Infrastructure;

/// <summary>A registry that uses every feature: all types, labels with characters that need escaping, odd floats, folding.</summary>
internal static class SampleMetrics
{
    public static MetricsRegistry Build()
    {
        var registry = new MetricsRegistry();
        var requests = registry.CreateCounterFamily("sample_requests_total", "Requests served, by code.\nSecond line with a \\ backslash.", ["code", "method"]);
        requests.WithLabels("OK", "infer").Inc(41);
        requests.WithLabels("OK", "infer").Inc();
        requests.WithLabels("NOT_FOUND", "say \"hi\"\nback\\slash").Inc();
        requests.WithLabels("UNAVAILABLE", "ünïcödé ✓").Inc(0.5);
        registry.CreateCounter("sample_bytes_read_total", "Bytes read.").Inc(1L << 40);

        registry.CreateGauge("sample_temperature_celsius", "Gauge at NaN.").Set(double.NaN);
        var limits = registry.CreateGaugeFamily("sample_limit_bytes", "Gauges at infinities and tiny values.", ["kind"]);
        limits.WithLabels("up").Set(double.PositiveInfinity);
        limits.WithLabels("down").Set(double.NegativeInfinity);
        limits.WithLabels("tiny").Set(1e-300);
        limits.WithLabels("huge").Set(1.7976931348623157e308);
        limits.WithLabels("empty_value").Set(0);
        limits.WithLabels(string.Empty).Set(-3.25);

        var latency = registry.CreateHistogramFamily("sample_request_duration_seconds", "Request latency.", ["model"]);
        foreach (var seconds in new[] { 0.00005, 0.0001, 0.003, 0.2, 7, 100 })
        {
            latency.WithLabels("mnist").Observe(seconds);
        }

        latency.WithLabels("empty");
        var sizes = registry.CreateHistogram("sample_message_size_bytes", "Message sizes.", Buckets.MessageBytes);
        sizes.Observe(300);
        sizes.Observe(5_000_000);

        var capped = registry.CreateCounterFamily("sample_per_model_requests_total", "Capped at two series.", ["model"], maxSeries: 2);
        foreach (var model in new[] { "a", "b", "c", "d" })
        {
            capped.WithLabels(model).Inc();
        }

        registry.CreateCallback("sample_device_capacity_bytes", "Callback gauge with labels.", MetricType.Gauge, ["device"],
            () => [LabeledValue.Of("cpu", 1e9), LabeledValue.Of("cuda:0", 8e10)]);
        registry.CreateCallback("sample_failing_callback_bytes", "A callback that throws writes no series.", MetricType.Gauge, [],
            () => throw new InvalidOperationException("boom"));
        ProcessMetrics.Register(registry);
        return registry;
    }
}
