using ModelMesh.Metrics.Tests.Infrastructure;

namespace ModelMesh.Metrics.Tests;

/// <summary>A real Prometheus server scrapes a <see cref="MetricsServer"/> and answers PromQL with what we exposed.</summary>
public sealed class PrometheusScrapeTests
{
    [Fact]
    public async Task Query_ScrapedMetricsServer_ReturnsExposedValues()
    {
        var registry = SampleMetrics.Build();
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        factory.CreateGauge("scrape_test_answer_bytes", "The value the test looks for.").Set(42.5);
        var hits = factory.CreateCounter("scrape_test_hits_total", "Labeled counter with escaping.", ["path"]);
        hits.WithLabels("a\"b\\c").Inc(7);
        var latency = factory.CreateHistogram("scrape_test_latency_seconds", "Histogram.", Buckets.Configuration(Buckets.LatencySeconds));
        for (var i = 0; i < 100; i++)
        {
            latency.Observe(i < 90 ? 0.003 : 2);
        }

        await using var server = await MetricsServer.StartAsync(registry, 0);
        using var prometheus = PrometheusServer.Start("modelmesh_test", server.Port);

        await prometheus.WaitForValueAsync("up{job=\"modelmesh_test\"}", v => v == 1, TimeSpan.FromSeconds(60));
        Assert.Equal(42.5, await prometheus.WaitForValueAsync("scrape_test_answer_bytes", _ => true, TimeSpan.FromSeconds(30)));
        Assert.Equal(7, await prometheus.WaitForValueAsync("scrape_test_hits_total{path=\"a\\\"b\\\\c\"}", _ => true, TimeSpan.FromSeconds(30)));
        var p50 = await prometheus.WaitForValueAsync("histogram_quantile(0.5, scrape_test_latency_seconds_bucket)", _ => true, TimeSpan.FromSeconds(30));
        Assert.InRange(p50, 0.0025, 0.005);
        Assert.True(await prometheus.WaitForValueAsync("process_resident_memory_bytes", _ => true, TimeSpan.FromSeconds(30)) > 0);
        Assert.Equal(2, await prometheus.WaitForValueAsync("metrics_series_folded_total{metric=\"sample_per_model_requests_total\"}", _ => true, TimeSpan.FromSeconds(30)));
        Assert.True(await prometheus.WaitForValueAsync("system_runtime_dotnet_gc_heap_total_allocated", _ => true, TimeSpan.FromSeconds(30)) > 0);
        Assert.Equal(0, await prometheus.WaitForValueAsync("scrape_samples_post_metric_relabeling{job=\"modelmesh_test\"} - scrape_samples_scraped{job=\"modelmesh_test\"}", _ => true, TimeSpan.FromSeconds(30)));
    }
}
