using ModelMesh.Metrics.Tests.Infrastructure;

namespace ModelMesh.Metrics.Tests;

public sealed class ProcessMetricsTests
{
    [Fact]
    public async Task Register_ScrapeReadsPlausibleValues()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        ProcessMetrics.Register(registry);
        var text = await registry.ScrapeAsync();
        double V(string series) => Exposition.Value(text, series);
        Assert.True(V("process_resident_memory_bytes") > 1 << 20);
        Assert.True(V("process_virtual_memory_bytes") >= V("process_resident_memory_bytes"));
        Assert.True(V("process_cpu_seconds_total") > 0);
        Assert.True(V("process_threads") >= 1);
        Assert.True(V("process_open_fds") >= 3);
        Assert.True(V("process_max_fds") >= V("process_open_fds"));
        var start = DateTimeOffset.FromUnixTimeMilliseconds((long)(V("process_start_time_seconds") * 1000));
        Assert.InRange(start, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow);
        Assert.True(V("dotnet_gc_allocated_bytes_total") > 0);
        Assert.True(V("dotnet_gc_collections_total{generation=\"0\"}") >= V("dotnet_gc_collections_total{generation=\"2\"}"));
        Assert.True(V("dotnet_gc_heap_size_bytes") >= 0);
        Assert.True(V("dotnet_threadpool_threads") >= 0);
        Assert.True(V("dotnet_gc_pause_seconds_total") >= 0);
        Promtool.AssertClean(text);
    }

    [Fact]
    public async Task Scrape_Twice_CountersNeverGoDown()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        ProcessMetrics.Register(registry);
        var first = await registry.ScrapeAsync();
        GC.Collect();
        var second = await registry.ScrapeAsync();
        Assert.True(Exposition.Value(second, "dotnet_gc_collections_total{generation=\"0\"}") > Exposition.Value(first, "dotnet_gc_collections_total{generation=\"0\"}"));
        Assert.True(Exposition.Value(second, "dotnet_gc_allocated_bytes_total") >= Exposition.Value(first, "dotnet_gc_allocated_bytes_total"));
        Assert.True(Exposition.Value(second, "process_cpu_seconds_total") >= Exposition.Value(first, "process_cpu_seconds_total"));
    }
}
