using ModelMesh.Metrics.Tests.Infrastructure;

namespace ModelMesh.Metrics.Tests;

public sealed class MeshMetricsTests
{
    private static MeshMetrics Exercise(MeshMetricsOptions options)
    {
        var metrics = MeshMetrics.Create(options);
        metrics.LoadQueued(TimeSpan.FromMilliseconds(3));
        metrics.LoadCompleted(TimeSpan.FromSeconds(1.5));
        metrics.ModelLoaded(40_000_000);
        metrics.LoadFailed();
        metrics.Unloaded(TimeSpan.FromMilliseconds(1));
        metrics.Evicted(TimeSpan.FromMinutes(20));
        metrics.RequestQueued(TimeSpan.Zero);
        metrics.Invoked("mnist", TimeSpan.FromMilliseconds(2));
        metrics.Request("mnist", 0, TimeSpan.FromMilliseconds(4), 3136, 40);
        metrics.Request("mnist", 14, TimeSpan.FromMilliseconds(9), 3136, 0);
        metrics.CacheMiss(TimeSpan.FromSeconds(2));
        metrics.Retried();
        metrics.AddSilo("silo-1", () => new SiloGaugeReading(1, 2, 12.5, [new DeviceReading("cpu", 1 << 30, 40_000_000), new DeviceReading("gpu:0", 8L << 30, 0)]));
        metrics.AddSilo("silo-2", () => new SiloGaugeReading(0, 0, null, [new DeviceReading("cpu", 1 << 30, 0)]));
        metrics.AddModelsManaged(() => 3);
        return metrics;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Scrape_AllFamilies_PromtoolClean(bool perModel)
    {
        Promtool.AssertClean(await Exercise(new MeshMetricsOptions { PerModel = perModel }).Registry.ScrapeAsync());
    }

    [Fact]
    public async Task Scrape_ModelMeshStems_InBaseUnits()
    {
        var text = await Exercise(new MeshMetricsOptions()).Registry.ScrapeAsync();
        foreach (var line in new[]
        {
            "modelmesh_loadmodel_seconds_count 1", "modelmesh_loadmodel_failure_total 1", "modelmesh_unloadmodel_seconds_count 1",
            "modelmesh_age_at_eviction_seconds_sum 1200", "modelmesh_loaded_model_size_bytes_sum 40000000",
            "modelmesh_api_request_seconds_count{code=\"OK\"} 1", "modelmesh_api_request_seconds_count{code=\"UNAVAILABLE\"} 1",
            "modelmesh_cache_miss_seconds_count 1", "modelmesh_request_size_bytes_count 2", "modelmesh_response_size_bytes_count 1",
            "modelmesh_api_request_retries_total 1", "modelmesh_models_managed 3", "modelmesh_models_loaded{silo=\"silo-1\"} 1",
            "modelmesh_instance_models{silo=\"silo-1\"} 2", "modelmesh_instance_lru_age_seconds{silo=\"silo-1\"} 12.5",
            "modelmesh_instance_capacity_bytes{silo=\"silo-1\",device=\"gpu:0\"} 8589934592", "modelmesh_instance_used_bytes{silo=\"silo-1\",device=\"cpu\"} 40000000",
            "modelmesh_invoke_model_seconds_count 1", "modelmesh_req_queue_delay_seconds_count 1", "modelmesh_loading_queue_delay_seconds_count 1",
        })
        {
            Assert.Contains(line + "\n", text);
        }

        Assert.DoesNotContain("milliseconds", text);
        Assert.DoesNotContain("model_id", text);
        Assert.DoesNotContain("modelmesh_instance_lru_age_seconds{silo=\"silo-2\"}", text);
    }

    [Fact]
    public async Task PerModel_CappedModelLabel()
    {
        var metrics = MeshMetrics.Create(new MeshMetricsOptions { PerModel = true, MaxModelSeries = 3 });
        for (var i = 0; i < 10; i++)
        {
            metrics.Request($"m{i}", 0, TimeSpan.FromMilliseconds(1), 10, 10);
            metrics.Invoked($"m{i}", TimeSpan.FromMilliseconds(1));
        }

        var text = await metrics.Registry.ScrapeAsync();
        Assert.Contains("modelmesh_api_request_seconds_count{code=\"OK\",model_id=\"m0\"} 1\n", text);
        Assert.Contains("modelmesh_api_request_seconds_count{code=\"other\",model_id=\"other\"} 7\n", text);
        Assert.Contains("modelmesh_invoke_model_seconds_count{model_id=\"other\"} 7\n", text);
        Assert.Contains("metrics_series_folded_total{metric=\"modelmesh_invoke_model_seconds\"} 7\n", text);
        Promtool.AssertClean(text);
    }

    [Fact]
    public async Task AddSilo_Disposed_GaugesGone()
    {
        var metrics = MeshMetrics.Create();
        var registration = metrics.AddSilo("s", () => new SiloGaugeReading(1, 1, 1, [new DeviceReading("cpu", 10, 5)]));
        var text = await metrics.Registry.ScrapeAsync();
        Assert.Contains("modelmesh_models_loaded{silo=\"s\"} 1\n", text);
        Assert.Contains("modelmesh_instance_used_bytes{silo=\"s\",device=\"cpu\"} 5\n", text);
        registration.Dispose();
        Assert.DoesNotContain("silo=\"s\"", await metrics.Registry.ScrapeAsync());
    }

    [Fact]
    public async Task SiloReadings_ReadAtEachScrape()
    {
        var metrics = MeshMetrics.Create();
        var loaded = 1;
        double? age = 3;
        using var registration = metrics.AddSilo("s", () => new SiloGaugeReading(loaded, loaded, age, []));
        Assert.Contains("modelmesh_instance_lru_age_seconds{silo=\"s\"} 3\n", await metrics.Registry.ScrapeAsync());
        loaded = 4;
        age = null;
        var text = await metrics.Registry.ScrapeAsync();
        Assert.Contains("modelmesh_models_loaded{silo=\"s\"} 4\n", text);
        Assert.DoesNotContain("modelmesh_instance_lru_age_seconds{", text);
    }

    [Fact]
    public async Task ModelsManaged_LargestReader_AbsentWithoutReaders()
    {
        var metrics = MeshMetrics.Create();
        Assert.DoesNotContain("\nmodelmesh_models_managed ", await metrics.Registry.ScrapeAsync());
        using (metrics.AddModelsManaged(() => 2))
        using (metrics.AddModelsManaged(() => 5))
        {
            Assert.Contains("\nmodelmesh_models_managed 5\n", await metrics.Registry.ScrapeAsync());
        }

        Assert.DoesNotContain("\nmodelmesh_models_managed ", await metrics.Registry.ScrapeAsync());
    }

    [Fact]
    public async Task TwoInstances_SeparateRegistries()
    {
        var a = MeshMetrics.Create();
        var b = MeshMetrics.Create();
        a.LoadFailed();
        Assert.Contains("modelmesh_loadmodel_failure_total 1\n", await a.Registry.ScrapeAsync());
        Assert.Contains("modelmesh_loadmodel_failure_total 0\n", await b.Registry.ScrapeAsync());
    }

    [Fact]
    public async Task Scrape_FamiliesAndTypes_AsDocumented()
    {
        var families = Exposition.Families(await MeshMetrics.Create(new MeshMetricsOptions { PerModel = true }).Registry.ScrapeAsync());
        foreach (var (name, type) in new[]
        {
            (MetricNames.ApiRequest, "histogram"), (MetricNames.RequestSize, "histogram"), (MetricNames.ResponseSize, "histogram"),
            (MetricNames.CacheMiss, "histogram"), (MetricNames.ModelsManaged, "gauge"), (MetricNames.ApiRequestRetries, "counter"),
            (MetricNames.InvokeModel, "histogram"), (MetricNames.RequestQueueDelay, "histogram"), (MetricNames.LoadModel, "histogram"),
            (MetricNames.LoadingQueueDelay, "histogram"), (MetricNames.LoadModelFailures, "counter"), (MetricNames.UnloadModel, "histogram"),
            (MetricNames.UnloadModelFailures, "counter"), (MetricNames.AgeAtEviction, "histogram"), (MetricNames.LoadedModelSize, "histogram"),
            (MetricNames.ModelsLoaded, "gauge"), (MetricNames.InstanceModels, "gauge"), (MetricNames.InstanceLruAge, "gauge"),
            (MetricNames.InstanceCapacity, "gauge"), (MetricNames.InstanceUsed, "gauge"), (MetricNames.SeriesFolded, "counter"),
            ("process_cpu_seconds_total", "counter"), ("process_resident_memory_bytes", "gauge"), ("dotnet_gc_collections_total", "counter"),
        })
        {
            Assert.True(families.TryGetValue(name, out var actual), $"{name} is not exposed");
            Assert.Equal(type, actual);
        }
    }
}
