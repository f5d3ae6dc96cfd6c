using System.Text.Json;
using ModelMesh.Contracts.Management;

namespace ModelMesh.Client.Tests.Cli;

/// <summary><c>modelmesh register</c>, <c>unregister</c> and <c>status</c> against <see cref="FakeModelMeshServer"/>.</summary>
public class RegisterCommandTests(FakeServerFixture fixture) : IClassFixture<FakeServerFixture>
{
    private FakeModelMeshServer Server => fixture.Server;

    [Fact]
    public async Task Register_AllFlags_SendsRequestAndPrintsStatusTable()
    {
        var run = await CliRun.InvokeAsync(
            "register", "cli-reg", "--storage-uri", "file:///models/mlp", "--sync", "--size-hint", "512MiB",
            "--device-class", "gpu", "--label", "zone=a", "--label", "tier=gold", "--endpoint", Server.Endpoint);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Error);
        var sent = Server.LastRegister!;
        Assert.Equal(512L * 1024 * 1024, sent.ModelInfo.SizeHintBytes);
        Assert.Equal("gpu", sent.ModelInfo.DeviceClass);
        Assert.Equal("onnx", sent.ModelInfo.Format);
        Assert.True(sent.LoadNow, "--sync implies --load-now");
        Assert.True(sent.Sync);
        Assert.Equal(new Dictionary<string, string> { ["zone"] = "a", ["tier"] = "gold" }, sent.ModelInfo.RequiredLabels.ToDictionary());
        Assert.Equal(
            [
                "Registered model 'cli-reg'.",
                "Model:   cli-reg",
                "Status:  LOADED",
                "Copies:  1",
                "  SILO    STATE   DEVICE     SIZE  SINCE",
                "  silo-a  loaded  cpu     1.5 MiB  2023-11-14 22:13:20Z",
            ],
            run.Lines);
    }

    [Fact]
    public async Task Register_StorageKey_SendsKeyWithUri()
    {
        var run = await CliRun.InvokeAsync(
            "register", "cli-s3", "--storage-uri", "s3://models/mlp/model.onnx", "--storage-key", "localMinIO", "-e", Server.Endpoint);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("s3://models/mlp/model.onnx", Server.LastRegister!.ModelInfo.StorageUri);
        Assert.Equal("localMinIO", Server.LastRegister.ModelInfo.StorageKey);
    }

    [Fact]
    public async Task Register_NoStorageKey_SendsEmptyKey()
    {
        var run = await CliRun.InvokeAsync("register", "cli-nokey", "--storage-uri", "s3://models/m", "-e", Server.Endpoint);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, Server.LastRegister!.ModelInfo.StorageKey);
    }

    [Fact]
    public async Task Register_LocalPath_SendsFileUri()
    {
        var dir = Directory.CreateTempSubdirectory("mm-cli-");
        try
        {
            var run = await CliRun.InvokeAsync("register", "cli-path", "--storage-uri", dir.FullName, "-e", Server.Endpoint);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal(new Uri(dir.FullName).AbsoluteUri, Server.LastRegister!.ModelInfo.StorageUri);
            Assert.False(Server.LastRegister.LoadNow);
            Assert.Contains("Status:  NOT_LOADED", run.Out, StringComparison.Ordinal);
            Assert.Contains("Copies:  none", run.Out, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete();
        }
    }

    [Fact]
    public async Task Register_JsonOutput_PrintsModelStatusInfo()
    {
        var run = await CliRun.InvokeAsync("register", "cli-json", "--storage-uri", "s3://bucket/m", "--output", "json", "-e", Server.Endpoint);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("cli-json", json.RootElement.GetProperty("modelId").GetString());
        Assert.Equal("NOT_LOADED", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("copies").GetArrayLength());
    }

    [Fact]
    public async Task Register_AlreadyRegistered_ExitsOneWithStatusOnStderr()
    {
        Server.Models["cli-dup"] = new ModelStatusInfo { ModelId = "cli-dup", Status = ModelStatus.NotLoaded };

        var run = await CliRun.InvokeAsync("register", "cli-dup", "--storage-uri", "s3://b/m", "-e", Server.Endpoint);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.Equal("error: ALREADY_EXISTS: model 'cli-dup' is already registered\n", run.Error);
    }

    [Fact]
    public async Task Status_Loaded_PrintsCopiesAndErrors()
    {
        var status = new ModelStatusInfo { ModelId = "cli-status", Status = ModelStatus.Loaded, Errors = { "silo-c: out of memory" } };
        status.Copies.Add(new ModelCopyInfo { Silo = "silo-a", State = "loaded", Device = "cpu", SizeBytes = 2048, SinceUnixMs = 1_700_000_000_000 });
        status.Copies.Add(new ModelCopyInfo { Silo = "silo-b", State = "loading", Device = "gpu:0", SizeBytes = 3L * 1024 * 1024 * 1024 });
        Server.Models["cli-status"] = status;

        var run = await CliRun.InvokeAsync("status", "cli-status", "--endpoint", Server.Endpoint);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                "Model:   cli-status",
                "Status:  LOADED",
                "Copies:  2",
                "  SILO    STATE    DEVICE   SIZE  SINCE",
                "  silo-a  loaded   cpu     2 KiB  2023-11-14 22:13:20Z",
                "  silo-b  loading  gpu:0   3 GiB  -",
                "Errors:",
                "  silo-c: out of memory",
            ],
            run.Lines);
    }

    [Fact]
    public async Task Status_UnknownModel_ExitsOneWithNotFoundOnStderr()
    {
        var run = await CliRun.InvokeAsync("status", "cli-missing", "--endpoint", Server.Endpoint);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.Equal("error: NOT_FOUND: model 'cli-missing' not found\n", run.Error);
    }

    [Fact]
    public async Task Status_ServerReportsNotFoundStatus_ExitsOne()
    {
        Server.Models["cli-gone"] = new ModelStatusInfo { ModelId = "cli-gone", Status = ModelStatus.NotFound };

        var run = await CliRun.InvokeAsync("status", "cli-gone", "--endpoint", Server.Endpoint);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: NOT_FOUND: model 'cli-gone' is not registered\n", run.Error);
    }

    [Fact]
    public async Task Status_SlowServer_ExitsOneWithDeadlineExceeded()
    {
        var run = await CliRun.InvokeAsync("status", FakeModelMeshServer.SlowModel, "--timeout", "0.2", "--endpoint", Server.Endpoint);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: DEADLINE_EXCEEDED: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unregister_Known_RemovesModel()
    {
        Server.Models["cli-unreg"] = new ModelStatusInfo { ModelId = "cli-unreg", Status = ModelStatus.NotLoaded };

        var run = await CliRun.InvokeAsync("unregister", "cli-unreg", "--endpoint", Server.Endpoint);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("Unregistered model 'cli-unreg'.\n", run.Out);
        Assert.False(Server.Models.ContainsKey("cli-unreg"));
    }

    [Fact]
    public async Task Unregister_Unknown_ExitsOneWithNotFound()
    {
        var run = await CliRun.InvokeAsync("unregister", "cli-never", "-o", "json", "--endpoint", Server.Endpoint);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: NOT_FOUND: model 'cli-never' not found\n", run.Error);
    }
}
