using System.Globalization;
using System.Net;
using System.Text;
using ModelMesh.Host.Roles;
using ModelMesh.Metrics.Tests.Infrastructure;
using ModelMesh.Onnx;

namespace ModelMesh.Metrics.Tests.Mesh;

/// <summary>
/// A dev cluster (front door + 2 silos in one process) with its /metrics endpoint on: after a few requests the
/// scrape is promtool-clean and the load and request series moved.
/// </summary>
public sealed class DevClusterMetricsTests : IAsyncLifetime
{
    private readonly string _models = Directory.CreateTempSubdirectory("mm-metrics-models-").FullName;
    private DevCluster _cluster = null!;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public async Task InitializeAsync()
    {
        SampleModels.WriteAll(_models);
        _cluster = await DevCluster.StartAsync(new DevClusterOptions
        {
            Silos = 2,
            ModelsDirectory = _models,
            GrpcPort = 0,
            HttpPort = 0,
            MetricsPort = 0,
            PerModelMetrics = true,
        });
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_models, recursive: true);
    }

    [Fact]
    public async Task Scrape_AfterRequests_PromtoolCleanAndCountersMoved()
    {
        for (var i = 0; i < 5; i++)
        {
            using var ok = await PredictAsync("mlp");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var text = await ScrapeAsync();
        Promtool.AssertClean(text);
        Assert.True(Value(text, "modelmesh_loadmodel_seconds_count") >= 1, text);
        Assert.True(Value(text, "modelmesh_loaded_model_size_bytes_count") >= 1, text);
        Assert.Equal(5, Value(text, "modelmesh_api_request_seconds_count{code=\"OK\",model_id=\"mlp\"}"));
        Assert.True(Value(text, "modelmesh_cache_miss_seconds_count") >= 1, text);
        Assert.Equal(5, Value(text, "modelmesh_request_size_bytes_count{model_id=\"mlp\"}"));
        Assert.True(Value(text, "modelmesh_invoke_model_seconds_count{model_id=\"mlp\"}") >= 5, text);
        Assert.True(Value(text, "modelmesh_req_queue_delay_seconds_count") >= 5, text);
        Assert.Equal(1, Value(text, "modelmesh_models_loaded{silo=\"silo-1\"}") + Value(text, "modelmesh_models_loaded{silo=\"silo-2\"}"));
        Assert.True(Value(text, "modelmesh_models_managed") >= SampleModels.Names.Count, text);
        Assert.Equal(_cluster.Silos[0].Options.CpuCapacityBytes, Value(text, "modelmesh_instance_capacity_bytes{silo=\"silo-1\",device=\"cpu\"}"));
        Assert.True(Value(text, "process_resident_memory_bytes") > 0, text);

        // The runtime's meters through prometheus-net's adapter: ASP.NET Core hosting counts the REST calls at the front
        // door (HTTP/1.1) and the gRPC calls the front door made to the silos (HTTP/2); Kestrel its connections.
        var lines = text.Split('\n');
        const string Served = "microsoft_aspnetcore_hosting_http_server_request_duration_count{";
        Assert.Contains(lines, l => l.StartsWith(Served, StringComparison.Ordinal) && l.Contains("network_protocol_version=\"1.1\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("microsoft_orleans_", StringComparison.Ordinal)); // Orleans' own meters, exported with ours
        Assert.Contains(lines, l => l.StartsWith("microsoft_aspnetcore_server_kestrel_kestrel_active_connections{", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("system_runtime_dotnet_gc_heap_total_allocated ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scrape_RealPrometheus_QueriesRequestCount()
    {
        using (var ok = await PredictAsync("mlp"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var prometheus = PrometheusServer.Start("modelmesh_dev", _cluster.MetricsPort!.Value);
        await prometheus.WaitForValueAsync("up{job=\"modelmesh_dev\"}", v => v == 1, TimeSpan.FromSeconds(60));
        Assert.Equal(1, await prometheus.WaitForValueAsync("sum(modelmesh_api_request_seconds_count{code=\"OK\"})", _ => true, TimeSpan.FromSeconds(30)));
        Assert.Equal(1, await prometheus.WaitForValueAsync("sum(modelmesh_models_loaded)", _ => true, TimeSpan.FromSeconds(30)));
    }

    private Task<HttpResponseMessage> PredictAsync(string model, string body = "{\"instances\": [[1.0, 2.0, 3.0, 4.0]]}") =>
        Http.PostAsync(
            new Uri($"http://127.0.0.1:{_cluster.FrontDoor.HttpPort.ToString(CultureInfo.InvariantCulture)}/v1/models/{model}:predict"),
            new StringContent(body, Encoding.UTF8, "application/json"));

    private async Task<string> ScrapeAsync()
    {
        using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{_cluster.MetricsPort!.Value.ToString(CultureInfo.InvariantCulture)}/metrics"));
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of the sample line that starts with <paramref name="series"/> (0 when absent).</summary>
    private static double Value(string exposition, string series)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
