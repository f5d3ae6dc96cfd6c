using Prometheus;

namespace ModelMesh.Metrics.Tests.Infrastructure;

/// <summary>A registry that uses every feature: all types, labels with characters that need escaping, odd floats, folding.</summary>
internal static class SampleMetrics
{
    public static CollectorRegistry Build()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var requests = factory.CreateCounter("sample_requests_total", "Requests served, by \"code\" (prometheus-net writes help text as is: no line feed or backslash in it).", ["code", "method"]);
        requests.WithLabels("OK", "infer").Inc(41);
        requests.WithLabels("OK", "infer").Inc();
        requests.WithLabels("NOT_FOUND", "say \"hi\"\nback\\slash").Inc();
        requests.WithLabels("UNAVAILABLE", "ünïcödé ✓").Inc(0.5);
        factory.CreateCounter("sample_bytes_read_total", "Bytes read.").Inc(1L << 40);

        factory.CreateGauge("sample_temperature_celsius", "Gauge at NaN.").Set(double.NaN);
        var limits = factory.CreateGauge("sample_limit_bytes", "Gauges at infinities and tiny values.", ["kind"]);
        limits.WithLabels("up").Set(double.PositiveInfinity);
        limits.WithLabels("down").Set(double.NegativeInfinity);
        limits.WithLabels("tiny").Set(1e-300);
        limits.WithLabels("huge").Set(1.7976931348623157e308);
        limits.WithLabels("empty_value").Set(0);
        limits.WithLabels(string.Empty).Set(-3.25);

        var latency = factory.CreateHistogram("sample_request_duration_seconds", "Request latency.", ["model"], Buckets.Configuration(Buckets.LatencySeconds));
        foreach (var seconds in new[] { 0.00005, 0.0001, 0.003, 0.2, 7, 100 })
        {
            latency.WithLabels("mnist").Observe(seconds);
        }

        latency.WithLabels("empty");
        var sizes = factory.CreateHistogram("sample_message_size_bytes", "Message sizes.", Buckets.Configuration(Buckets.MessageBytes));
        sizes.Observe(300);
        sizes.Observe(5_000_000);

        var capped = new CappedFamily<Counter.Child>(factory.CreateCounter("sample_per_model_requests_total", "Capped at two series.", ["model"]), factory, 2);
        foreach (var model in new[] { "a", "b", "c", "d" })
        {
            capped.WithLabels(model).Inc();
        }

        ProcessMetrics.Register(registry);
        return registry;
    }
}
