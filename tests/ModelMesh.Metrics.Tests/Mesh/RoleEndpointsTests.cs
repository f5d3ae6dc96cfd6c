using ModelMesh.Orleans.Hosting;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ModelMesh.Contracts.Management;
using ModelMesh.FrontDoor.Management;
using ModelMesh.Host.Roles;
using ModelMesh.Metrics.Tests.Infrastructure;
using ModelMesh.Onnx;
using ModelMesh.Registry;
using ModelMesh.Silo.Mesh;
using ModelMesh.Silo.Repository;

namespace ModelMesh.Metrics.Tests.Mesh;

/// <summary>
/// A front door and a silo as separate roles in one process (as `modelmesh frontdoor` and `modelmesh silo` run, but
/// sharing the process): each has its own registry and /metrics port, and each endpoint shows its own role's series
/// only — the mesh families it records and the ASP.NET Core meters of its own hosts.
/// </summary>
public sealed class RoleEndpointsTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly string _models = Directory.CreateTempSubdirectory("mm-metrics-roles-").FullName;
    private IMeshRegistry _registry = null!;
    private SiloHost _silo = null!;
    private FrontDoorHost _frontDoor = null!;

    public async Task InitializeAsync()
    {
        SampleModels.WriteAll(_models);
        _registry = RegistryFactory.Create("memory");
        _silo = await SiloHost.StartAsync(_registry, new SiloOptions { SiloId = "silo-a" }, IPAddress.Loopback, 0, metricsPort: 0);
        _frontDoor = await FrontDoorHost.StartAsync(_registry, IPAddress.Loopback, 0, 0, metricsPort: 0,
            cluster: new MeshClusterOptions { PrimarySiloEndpoint = _silo.Cluster.SiloEndpoint() }); // one cluster: the silo keeps membership
        var management = _frontDoor.Services.GetRequiredService<ModelManagement>();
        var path = ModelDirectoryScanner.Scan(_models)["mlp"].Values.Last();
        await management.RegisterAsync("mlp", new ModelInfo { StorageUri = new Uri(path).AbsoluteUri, Format = "onnx" }, loadNow: false, sync: false, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _frontDoor.StopAsync();
        await _frontDoor.DisposeAsync();
        await _silo.StopWithoutDrainAsync();
        await _silo.DisposeAsync();
        await _registry.DisposeAsync();
        Directory.Delete(_models, recursive: true);
    }

    [Fact]
    public async Task EachRole_ItsOwnSeries_PromtoolClean()
    {
        for (var i = 0; i < 3; i++)
        {
            using var response = await Http.PostAsync(
                new Uri($"http://127.0.0.1:{_frontDoor.HttpPort.ToString(CultureInfo.InvariantCulture)}/v1/models/mlp:predict"),
                new StringContent("{\"instances\": [[1.0, 2.0, 3.0, 4.0]]}", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.NotEqual(_frontDoor.MetricsPort, _silo.MetricsPort);
        var frontDoor = await ScrapeAsync(_frontDoor.MetricsPort!.Value);
        var silo = await ScrapeAsync(_silo.MetricsPort!.Value);
        Promtool.AssertClean(frontDoor);
        Promtool.AssertClean(silo);

        Assert.Equal(3, Exposition.Value(frontDoor, "modelmesh_api_request_seconds_count{code=\"OK\"}"));
        Assert.Equal(1, Exposition.Value(frontDoor, "modelmesh_models_managed"));
        Assert.DoesNotContain("modelmesh_models_loaded{", frontDoor);
        Assert.Equal(0, Exposition.Value(frontDoor, "modelmesh_invoke_model_seconds_count"));

        Assert.Equal(1, Exposition.Value(silo, "modelmesh_models_loaded{silo=\"silo-a\"}"));
        Assert.Equal(3, Exposition.Value(silo, "modelmesh_invoke_model_seconds_count"));
        Assert.DoesNotContain("modelmesh_api_request_seconds_count{", silo);

        // ASP.NET Core's hosting meter: the front door served REST (HTTP/1.1); the silo served no HTTP at all (the front door
        // reaches its copies through Orleans). Orleans' own meters are in both.
        const string Served = "microsoft_aspnetcore_hosting_http_server_request_duration_count{";
        static bool Protocol(string exposition, string version) => exposition.Split('\n')
            .Any(l => l.StartsWith(Served, StringComparison.Ordinal) && l.Contains($"network_protocol_version=\"{version}\"", StringComparison.Ordinal));
        Assert.True(Protocol(frontDoor, "1.1"), frontDoor);
        Assert.False(Protocol(frontDoor, "2"), frontDoor);
        Assert.False(Protocol(silo, "2"), silo);
        Assert.False(Protocol(silo, "1.1"), silo);
        Assert.Contains("microsoft_orleans_", silo, StringComparison.Ordinal);
        Assert.Contains("microsoft_orleans_", frontDoor, StringComparison.Ordinal);
    }

    private static async Task<string> ScrapeAsync(int port)
    {
        using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/metrics"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
