using System.Text.Json;
using ModelMesh.Contracts.Management;

namespace ModelMesh.Client.Tests.Cli;

/// <summary><c>modelmesh vmodel set|get|delete</c> against <see cref="FakeModelMeshServer"/>.</summary>
public class VModelCommandTests(FakeServerFixture fixture) : IClassFixture<FakeServerFixture>
{
    private FakeModelMeshServer Server => fixture.Server;

    [Fact]
    public async Task VModel_SetGetDelete_RoundTrips()
    {
        Server.Models["mlp-v2"] = new ModelStatusInfo { ModelId = "mlp-v2", Status = ModelStatus.Loaded };

        var set = await CliRun.InvokeAsync("vmodel", "set", "mlp", "--target", "mlp-v2", "--owner", "team-a", "--endpoint", Server.Endpoint);
        var get = await CliRun.InvokeAsync("vmodel", "get", "mlp", "-o", "json", "--endpoint", Server.Endpoint);
        var delete = await CliRun.InvokeAsync("vmodel", "delete", "mlp", "--endpoint", Server.Endpoint);
        var after = await CliRun.InvokeAsync("vmodel", "get", "mlp", "--endpoint", Server.Endpoint);

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Equal(
            ["VModel:  mlp", "Target:  mlp-v2", "Owner:   team-a", string.Empty, "Model:   mlp-v2", "Status:  LOADED", "Copies:  none"],
            set.Lines);
        using (var json = JsonDocument.Parse(get.Out))
        {
            Assert.Equal("mlp-v2", json.RootElement.GetProperty("targetModelId").GetString());
            Assert.Equal("LOADED", json.RootElement.GetProperty("targetStatus").GetProperty("status").GetString());
        }

        Assert.Equal("Deleted vmodel 'mlp'.\n", delete.Out);
        Assert.Equal(1, after.ExitCode);
        Assert.Equal("error: NOT_FOUND: vmodel 'mlp' not found\n", after.Error);
    }

    [Fact]
    public async Task VModelSet_ExpectedTargetMismatch_ExitsOneWithFailedPrecondition()
    {
        Server.Models["m1"] = new ModelStatusInfo { ModelId = "m1", Status = ModelStatus.Loaded };

        var run = await CliRun.InvokeAsync("vmodel", "set", "alias", "--target", "m1", "--expected-target", "m0", "--endpoint", Server.Endpoint);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: FAILED_PRECONDITION: vmodel 'alias' does not point at 'm0'\n", run.Error);
    }
}
