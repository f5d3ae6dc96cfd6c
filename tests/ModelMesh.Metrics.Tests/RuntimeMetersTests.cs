using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModelMesh.Metrics.Tests.Infrastructure;

namespace ModelMesh.Metrics.Tests;

/// <summary>
/// Two web apps in one process (as two roles in a test or a dev process), each with its own registry and /metrics
/// endpoint: each endpoint publishes its own app's ASP.NET Core and Kestrel meters and the process-wide runtime meter,
/// and the output stays promtool-clean.
/// </summary>
public sealed class RuntimeMetersTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new();
    private readonly List<IAsyncDisposable> _owned = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }
    }

    [Fact]
    public async Task TwoRoles_EachPublishesItsOwnHostMeters_PromtoolClean()
    {
        var (appA, portA, metricsA) = await StartRoleAsync("/a");
        var (_, portB, metricsB) = await StartRoleAsync("/b");
        for (var i = 0; i < 3; i++)
        {
            using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{portA}/a"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var textA = await ScrapeAsync(metricsA);
        var textB = await ScrapeAsync(metricsB);
        Promtool.AssertClean(textA);
        Promtool.AssertClean(textB);

        const string Requests = "microsoft_aspnetcore_hosting_http_server_request_duration_count";
        var countA = textA.Split('\n').Where(l => l.StartsWith(Requests + "{", StringComparison.Ordinal) && l.Contains("http_route=\"/a\"", StringComparison.Ordinal)).ToList();
        Assert.True(countA.Count == 1, textA);
        Assert.EndsWith(" 3", countA[0]);
        Assert.DoesNotContain("http_route=\"/a\"", textB);
        // Kestrel's connection series carry the listener's port; the process-wide HttpClient meter (the test's own calls) may
        // name it in both.
        bool KestrelOnA(string line) => line.StartsWith("microsoft_aspnetcore_server_kestrel_", StringComparison.Ordinal) && line.Contains($"server_port=\"{portA}\"", StringComparison.Ordinal);
        Assert.Contains(textA.Split('\n'), KestrelOnA);
        Assert.DoesNotContain(textB.Split('\n'), KestrelOnA);

        // The process-wide runtime meter is in both, next to the process metrics of the registry.
        Assert.Contains("\nsystem_runtime_dotnet_gc_collections{", textA);
        Assert.Contains("\nsystem_runtime_dotnet_gc_collections{", textB);
        Assert.Contains("\nprocess_cpu_seconds_total ", textA);
        GC.KeepAlive(appA);
    }

    [Fact]
    public async Task MetricsServerDisposed_StopsListening()
    {
        var (_, port, metrics) = await StartRoleAsync("/c");
        var registry = metrics.Registry;
        await metrics.Server.DisposeAsync();
        _owned.Remove(metrics.Server);
        using (var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{port}/c")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.DoesNotContain("http_route=\"/c\"", await registry.ScrapeAsync());
    }

    [Fact]
    public void Accepts_LeavesOutNamesPromtoolRejects()
    {
        using var meter = new System.Diagnostics.Metrics.Meter("System.Runtime");
        var gaugeCount = meter.CreateObservableUpDownCounter("dotnet.assembly.count", () => 1);
        var fine = meter.CreateObservableCounter("dotnet.gc.collections", () => 1);
        var histogram = meter.CreateHistogram<double>("dotnet.some.count");
        var scopes = new HashSet<object>();
        Assert.Equal("system_runtime_dotnet_assembly_count", RuntimeMeters.AdaptedName(gaugeCount));
        Assert.False(RuntimeMeters.Accepts(gaugeCount, scopes));
        Assert.True(RuntimeMeters.Accepts(fine, scopes));
        Assert.True(RuntimeMeters.Accepts(histogram, scopes));

        using var other = new System.Diagnostics.Metrics.Meter("Some.Library");
        Assert.False(RuntimeMeters.Accepts(other.CreateCounter<long>("calls"), scopes));
    }

    private async Task<(WebApplication App, int Port, (MetricsServer Server, Prometheus.CollectorRegistry Registry) Metrics)> StartRoleAsync(string path)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet(path, () => Results.Text("hi"));
        await app.StartAsync();
        _owned.Add(app);
        var port = new Uri(app.Urls.First()).Port;

        var registry = Prometheus.Metrics.NewCustomRegistry();
        ProcessMetrics.Register(registry);
        var server = await MetricsServer.StartAsync(registry, 0, roleServices: [app.Services]);
        _owned.Add(server);
        return (app, port, (server, registry));
    }

    private static async Task<string> ScrapeAsync((MetricsServer Server, Prometheus.CollectorRegistry Registry) metrics)
    {
        using var response = await Http.GetAsync(metrics.Server.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
