using System.Globalization;
using ModelMesh.Metrics;
using ModelMesh.Metrics.Tests.Infrastructure;
using ModelMesh.Orleans.Hosting;

namespace ModelMesh.Orleans.Tests.Hosting;

/// <summary>
/// Orleans' own meter (<see cref="OrleansTelemetry.MeterName"/>) reaches our prometheus-net /metrics when the endpoint is
/// given the silo host's services: Orleans creates it through the host's IMeterFactory, which RuntimeMeters publishes.
/// After a grain call the activation and messaging series are there, and the whole exposition passes promtool.
/// </summary>
public sealed class OrleansMetersTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Orleans_series_are_published_with_ours_and_promtool_clean()
    {
        await using var silo = await LoopbackSilo.StartAsync("meters-" + Guid.NewGuid().ToString("N")[..8], null);
        var registry = Prometheus.Metrics.NewCustomRegistry();
        ProcessMetrics.Register(registry);
        await using var metrics = await MetricsServer.StartAsync(registry, 0, roleServices: [silo.Services]);

        await silo.Grains.GetGrain<IHopGrain>("metered").WhereAsync();

        var text = await Http.GetStringAsync(metrics.Url);
        var created = Value(text, "microsoft_orleans_orleans_catalog_activation_created");
        Assert.True(created >= 1, text);
        // Orleans' grain type of HopGrain is "hop": one activation of it, next to the runtime's system targets.
        Assert.True(text.Contains("\nmicrosoft_orleans_orleans_catalog_activations{grain_type=\"hop\"} 1\n", StringComparison.Ordinal), text);
        Assert.True(Value(text, "microsoft_orleans_orleans_app_requests_latency_count") >= 1, text);
        Assert.True(text.Contains("\nprocess_cpu_seconds_total ", StringComparison.Ordinal), text);
        Promtool.AssertClean(text);
    }

    /// <summary>The sum of a series' samples (all label sets).</summary>
    private static double Value(string exposition, string name) =>
        exposition.Split('\n')
            .Where(l => l.StartsWith(name + " ", StringComparison.Ordinal) || l.StartsWith(name + "{", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}
