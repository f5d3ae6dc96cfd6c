using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using ModelMesh.Orleans.Hosting;
using ModelMesh.Testing;

namespace ModelMesh.Orleans.Tests.Hosting;

/// <summary>
/// The Orleans Dashboard served by a web application that is not the silo's host (as the front door's REST app): the page
/// at /dashboard, and the counters its script polls list the silo and the activation of a grain after a call.
/// </summary>
public sealed class DashboardTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task A_separate_web_app_serves_the_dashboard_with_the_silo_and_its_activations()
    {
        await using var silo = await LoopbackSilo.StartAsync("dash-" + Guid.NewGuid().ToString("N")[..8], null, s => s.AddModelMeshDashboard());
        await using var app = await StartWebAppAsync(silo, "/dashboard");
        var root = new Uri(app.Urls.First());

        using (var page = await Http.GetAsync(new Uri(root, "/dashboard"))) // redirected to /dashboard/
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<title>Orleans Dashboard</title>", await page.Content.ReadAsStringAsync());
        }

        await silo.Grains.GetGrain<IHopGrain>("dashboard").WhereAsync();

        // The dashboard grain refreshes its counters at most once a second (its own clock): poll until the call shows.
        await Eventually.Until(async () =>
        {
            using var counters = await Http.GetAsync(new Uri(root, "/dashboard/DashboardCounters"));
            Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
            using var json = JsonDocument.Parse(await counters.Content.ReadAsStringAsync());
            var hosts = json.RootElement.GetProperty("hosts").EnumerateArray().ToList();
            var hop = json.RootElement.GetProperty("simpleGrainStats").EnumerateArray()
                .Where(g => g.GetProperty("grainType").GetString()!.EndsWith(nameof(HopGrain), StringComparison.Ordinal)).ToList();
            return hosts.Any(h => h.GetProperty("siloAddress").GetString() == silo.Address && h.GetProperty("status").GetString() == "Active")
                && hop.Any(g => g.GetProperty("siloAddress").GetString() == silo.Address && g.GetProperty("activationCount").GetInt32() == 1);
        }, TimeSpan.FromSeconds(30), "the dashboard lists the silo and the HopGrain activation");
    }

    [Fact]
    public async Task The_live_log_stream_is_off_by_default()
    {
        await using var silo = await LoopbackSilo.StartAsync("dash-" + Guid.NewGuid().ToString("N")[..8], null, s => s.AddModelMeshDashboard());
        await using var app = await StartWebAppAsync(silo, "/ops/dashboard");

        using var trace = await Http.GetAsync(new Uri(new Uri(app.Urls.First()), "/ops/dashboard/Trace"));
        Assert.Equal(HttpStatusCode.Forbidden, trace.StatusCode);
    }

    /// <summary>A web application of its own (as the front door's REST app) on a free loopback port, serving the silo's dashboard at <paramref name="path"/>.</summary>
    private static async Task<WebApplication> StartWebAppAsync(LoopbackSilo silo, string path)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapModelMeshDashboard(silo.Services, path);
        await app.StartAsync();
        return app;
    }
}
