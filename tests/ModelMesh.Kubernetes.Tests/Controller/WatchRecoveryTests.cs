using Grpc.Core;
using ModelMesh.Testing;

namespace ModelMesh.Kubernetes.Tests.Controller;

/// <summary>List/watch recovery against the API server DOUBLE: a dropped watch resumes from its resourceVersion; 410 Gone re-lists.</summary>
public sealed class WatchRecoveryTests(MeshFixture mesh) : IClassFixture<MeshFixture>
{
    [Fact]
    public async Task DroppedWatch_ResumesFromItsVersionWithoutListingAgain()
    {
        await using var harness = await ControllerHarness.StartAsync(mesh);
        harness.Api.Apply("predictors", ControllerHarness.Predictor("first", mesh.MlpPath));
        await harness.UntilPredictorAsync("first", "Loaded");
        var lists = harness.Api.ListCount("predictors");

        harness.Api.DropWatches();
        harness.Api.Apply("predictors", ControllerHarness.Predictor("second", mesh.MlpCopyPath));

        await harness.UntilPredictorAsync("second", "Loaded");
        Assert.Equal(lists, harness.Api.ListCount("predictors"));
    }

    [Fact]
    public async Task Gone_ListsAgainAndConverges()
    {
        await using var harness = await ControllerHarness.StartAsync(mesh);
        harness.Api.Apply("predictors", ControllerHarness.Predictor("missed", mesh.MlpPath));
        await harness.UntilPredictorAsync("missed", "Loaded");
        var lists = harness.Api.ListCount("predictors");

        // Deleted while the watch was down and history compacted: only a new list can tell.
        harness.Api.DeleteUnseen("predictors", "missed");
        harness.Api.Apply("predictors", ControllerHarness.Predictor("after", mesh.MlpCopyPath));

        await harness.UntilPredictorAsync("after", "Loaded");
        await Eventually.Until(async () =>
        {
            try
            {
                await harness.Mesh.GetVModelStatusAsync("missed");
                return false;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return true;
            }
        }, ControllerHarness.Wait, "the missed delete's vmodel is removed");
        Assert.True(harness.Api.ListCount("predictors") > lists);
        Assert.DoesNotContain((await harness.Mesh.ListModelsAsync()).Models, m => m.ModelId.StartsWith("missed__", StringComparison.Ordinal));
    }
}
