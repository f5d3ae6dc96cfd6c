using SiloStatus = ModelMesh.Contracts.Management.SiloStatus;
using System.Text.Json;
using ModelMesh.Contracts.Management;

namespace ModelMesh.Client.Tests.Cli;

/// <summary>
/// <c>modelmesh list</c> and <c>modelmesh cluster</c> against <see cref="FakeModelMeshServer"/>. Each test owns
/// the fake's whole state (models, cluster), so this class does not share its server with other classes.
/// </summary>
public class ListAndClusterCommandTests(FakeServerFixture fixture) : IClassFixture<FakeServerFixture>
{
    private FakeModelMeshServer Server => fixture.Server;

    [Fact]
    public async Task List_Models_PrintsSortedTable()
    {
        Server.Models.Clear();
        Server.Models["simple"] = new ModelStatusInfo { ModelId = "simple", Status = ModelStatus.NotLoaded };
        Server.Models["mlp"] = new ModelStatusInfo { ModelId = "mlp", Status = ModelStatus.Loaded };
        Server.Models["broken-model"] = new ModelStatusInfo { ModelId = "broken-model", Status = ModelStatus.LoadingFailed };

        var run = await CliRun.InvokeAsync("list", "--endpoint", Server.Endpoint);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                "MODEL         STATUS",
                "broken-model  LOADING_FAILED",
                "mlp           LOADED",
                "simple        NOT_LOADED",
            ],
            run.Lines);
    }

    [Fact]
    public async Task List_NoModels_SaysSo()
    {
        Server.Models.Clear();

        var run = await CliRun.InvokeAsync("list", "--endpoint", Server.Endpoint);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("No models are registered.\n", run.Out);
    }

    [Fact]
    public async Task List_Json_PrintsListModelsResponse()
    {
        Server.Models.Clear();
        Server.Models["mlp"] = new ModelStatusInfo { ModelId = "mlp", Status = ModelStatus.Loaded };

        var run = await CliRun.InvokeAsync("list", "--output", "json", "--endpoint", Server.Endpoint);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var model = Assert.Single(json.RootElement.GetProperty("models").EnumerateArray());
        Assert.Equal("mlp", model.GetProperty("modelId").GetString());
        Assert.Equal("LOADED", model.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cluster_TwoSilos_PrintsDevicesModelsAndWhereEachModelLives()
    {
        Server.Cluster = TwoSilos();

        var run = await CliRun.InvokeAsync("cluster", "--endpoint", Server.Endpoint);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                "SILO    ADDRESS        STATE     DEVICE     USED  CAPACITY  USE%  MODELS",
                "silo-a  10.0.0.1:9100  active    cpu     128 MiB   512 MiB   25%  mlp, simple",
                "                                 gpu:0     6 GiB    24 GiB   25%",
                "silo-b  10.0.0.2:9100  draining  cpu         0 B     1 GiB    0%",
                string.Empty,
                "MODEL   COPIES  SILOS",
                "mlp          1  silo-a",
                "simple       1  silo-a",
                string.Empty,
                "2 silos (1 active, 1 draining), 2 copies of 2 models.",
            ],
            run.Lines);
    }

    [Fact]
    public async Task Cluster_ManyModels_WrapsModelsColumnAndCountsCopies()
    {
        var cluster = new ClusterStatus();
        var a = new SiloStatus { Id = "silo-a", Address = "a:1", State = "active", Devices = { new DeviceStatus { Name = "cpu", CapacityBytes = 1 << 30 } } };
        var b = new SiloStatus { Id = "silo-b", Address = "b:1", State = "active" };
        for (var i = 0; i < 12; i++)
        {
            a.Models.Add($"tenant-model-{i:D2}");
        }

        b.Models.Add("tenant-model-00");
        cluster.Silos.Add(b);
        cluster.Silos.Add(a);
        Server.Cluster = cluster;

        var run = await CliRun.InvokeAsync("cluster", "--endpoint", Server.Endpoint);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Lines;
        Assert.StartsWith("silo-a", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("tenant-model-00, tenant-model-01, tenant-model-02,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("tenant-model-03, tenant-model-04, tenant-model-05,", lines[2], StringComparison.Ordinal);
        Assert.All(lines.TakeWhile(l => l.Length > 0), l => Assert.True(l.Length <= 130, l));
        Assert.Contains(lines, l => l.StartsWith("silo-b", StringComparison.Ordinal) && l.Contains(" - ", StringComparison.Ordinal));
        Assert.Contains("tenant-model-00       2  silo-a, silo-b", lines);
        Assert.Equal("2 silos (2 active), 13 copies of 12 models.", lines[^1]);
    }

    [Fact]
    public async Task Cluster_NoSilosAndDegraded_WarnsAndExplains()
    {
        Server.Cluster = new ClusterStatus { Degraded = true };

        var run = await CliRun.InvokeAsync("cluster", "--endpoint", Server.Endpoint);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                "WARNING: the front door cannot reach the registry; this is its last known view.",
                string.Empty,
                "No silos are registered: start one with 'modelmesh silo' (or run 'modelmesh dev').",
            ],
            run.Lines);
    }

    [Fact]
    public async Task Cluster_Json_PrintsClusterStatus()
    {
        Server.Cluster = TwoSilos();

        var run = await CliRun.InvokeAsync("cluster", "-o", "json", "--endpoint", Server.Endpoint);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var silos = json.RootElement.GetProperty("silos");
        Assert.Equal(2, silos.GetArrayLength());
        Assert.Equal("silo-a", silos[0].GetProperty("id").GetString());
        Assert.Equal("536870912", silos[0].GetProperty("devices")[0].GetProperty("capacityBytes").GetString());
        Assert.False(json.RootElement.GetProperty("degraded").GetBoolean());
    }

    private static ClusterStatus TwoSilos()
    {
        var cluster = new ClusterStatus();
        cluster.Silos.Add(new SiloStatus
        {
            Id = "silo-a",
            Address = "10.0.0.1:9100",
            State = "active",
            Devices =
            {
                new DeviceStatus { Name = "cpu", CapacityBytes = 512L << 20, UsedBytes = 128L << 20 },
                new DeviceStatus { Name = "gpu:0", CapacityBytes = 24L << 30, UsedBytes = 6L << 30 },
            },
            Models = { "simple", "mlp" },
        });
        cluster.Silos.Add(new SiloStatus
        {
            Id = "silo-b",
            Address = "10.0.0.2:9100",
            State = "draining",
            Devices = { new DeviceStatus { Name = "cpu", CapacityBytes = 1L << 30 } },
        });
        return cluster;
    }
}
