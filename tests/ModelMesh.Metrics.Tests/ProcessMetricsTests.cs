namespace ModelMesh.Metrics.Tests;

public sealed class ProcessMetricsTests
{
    [Fact]
    public void Register_ReadsPlausibleValues()
    {
        var registry = new MetricsRegistry();
        ProcessMetrics.Register(registry);
        var values = registry.Families.OfType<CallbackFamily>()
            .SelectMany(f => f.Read().Select(v => (Key: f.Name + string.Concat(v.LabelValues), v.Value)))
            .ToDictionary(p => p.Key, p => p.Value);
        Assert.True(values["process_resident_memory_bytes"] > 1 << 20);
        Assert.True(values["process_virtual_memory_bytes"] >= values["process_resident_memory_bytes"]);
        Assert.True(values["process_cpu_seconds_total"] > 0);
        Assert.True(values["process_threads"] >= 1);
        Assert.True(values["process_open_fds"] >= 3);
        Assert.True(values["process_max_fds"] >= values["process_open_fds"]);
        var start = DateTimeOffset.FromUnixTimeMilliseconds((long)(values["process_start_time_seconds"] * 1000));
        Assert.InRange(start, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow);
        Assert.True(values["dotnet_gc_allocated_bytes_total"] > 0);
        Assert.True(values["dotnet_gc_collections_total0"] >= values["dotnet_gc_collections_total2"]);
    }
}
