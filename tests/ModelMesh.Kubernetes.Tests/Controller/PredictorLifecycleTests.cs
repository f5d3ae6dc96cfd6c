using Grpc.Core;
using ModelMesh.Testing;

namespace ModelMesh.Kubernetes.Tests.Controller;

/// <summary>
/// The controller end to end: KubernetesClient against the API server DOUBLE (see KubeApiDouble; no real API server
/// runs here) and a real in-process dev mesh reached only through its management API.
/// </summary>
public sealed class PredictorLifecycleTests(MeshFixture mesh) : IClassFixture<MeshFixture>
{
    [Fact]
    public async Task Create_PredictorLoadsWithoutARequestAndServesByItsName()
    {
        await using var harness = await ControllerHarness.StartAsync(mesh);
        harness.Api.Apply("predictors", ControllerHarness.Predictor("fraud", mesh.MlpPath));

        await harness.UntilPredictorAsync("fraud", "Loaded");
        var status = harness.Api.Get("predictors", "fraud")!["status"]!;
        Assert.True(status["available"]!.GetValue<bool>());
        Assert.Equal("", status["targetModelState"]!.GetValue<string>());
        Assert.Equal(1, status["totalCopies"]!.GetValue<int>());
        Assert.StartsWith("grpc://modelmesh-serving.", status["grpcEndpoint"]!.GetValue<string>(), StringComparison.Ordinal);

        var response = await harness.Mesh.InferAsync(InferRequests.SampleMlp("fraud"));
        Assert.Equal(3 * sizeof(float), response.RawOutputContents[0].Length);
        var vmodel = await harness.Mesh.GetVModelStatusAsync("fraud");
        Assert.StartsWith("fraud__", vmodel.TargetModelId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PathChange_MovesTheNameToTheNewModelWithoutNotFound()
    {
        await using var harness = await ControllerHarness.StartAsync(mesh);
        harness.Api.Apply("predictors", ControllerHarness.Predictor("mover", mesh.MlpPath));
        await harness.UntilPredictorAsync("mover", "Loaded");
        var oldModel = (await harness.Mesh.GetVModelStatusAsync("mover")).TargetModelId;

        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        var served = 0;
        var poller = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await harness.Mesh.InferAsync(InferRequests.SampleMlp("mover"));
                    served++;
                }
                catch (RpcException e)
                {
                    failures.Add($"{e.StatusCode}: {e.Status.Detail}");
                }
            }
        });

        harness.Api.Apply("predictors", ControllerHarness.Predictor("mover", mesh.MlpCopyPath));
        await Eventually.Until(async () => (await harness.Mesh.GetVModelStatusAsync("mover")).TargetModelId != oldModel, ControllerHarness.Wait, "the vmodel moves");
        await Eventually.Until(async () => !(await harness.Mesh.ListModelsAsync()).Models.Any(m => m.ModelId == oldModel), ControllerHarness.Wait, "the old model is unregistered");
        await harness.UntilPredictorAsync("mover", "Loaded");
        var servedWhileMoving = served;
        await Eventually.Until(() => served > servedWhileMoving + 5, ControllerHarness.Wait, "requests after the move");
        await stop.CancelAsync();
        await poller;

        Assert.Empty(failures);
        Assert.True(served > 5);
    }

    [Fact]
    public async Task Delete_UnregistersTheNameAndItsModel()
    {
        await using var harness = await ControllerHarness.StartAsync(mesh);
        harness.Api.Apply("predictors", ControllerHarness.Predictor("gone", mesh.MlpPath));
        await harness.UntilPredictorAsync("gone", "Loaded");

        harness.Api.Delete("predictors", "gone");

        await Eventually.Until(async () => !(await harness.Mesh.ListModelsAsync()).Models.Any(m => m.ModelId.StartsWith("gone__", StringComparison.Ordinal)), ControllerHarness.Wait, "gone's model is unregistered");
        var lookup = await Assert.ThrowsAsync<RpcException>(() => harness.Mesh.GetVModelStatusAsync("gone"));
        Assert.Equal(StatusCode.NotFound, lookup.StatusCode);
        var infer = await Assert.ThrowsAsync<RpcException>(() => harness.Mesh.InferAsync(InferRequests.SampleMlp("gone")));
        Assert.Equal(StatusCode.NotFound, infer.StatusCode);
    }

    [Fact]
    public async Task BadPath_FailedToLoadWithTheReasonAndOthersUndisturbed()
    {
        await using var harness = await ControllerHarness.StartAsync(mesh);
        harness.Api.Apply("predictors", ControllerHarness.Predictor("healthy", mesh.MlpPath));
        harness.Api.Apply("predictors", ControllerHarness.Predictor("broken", "/nonexistent/model.onnx"));

        await harness.UntilPredictorAsync("broken", "FailedToLoad");
        await harness.UntilPredictorAsync("healthy", "Loaded");
        var failure = harness.Api.Get("predictors", "broken")!["status"]!["lastFailureInfo"]!;
        Assert.Equal("ModelLoadFailed", failure["reason"]!.GetValue<string>());
        Assert.Contains("nonexistent", failure["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("broken__", failure["modelId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(harness.Api.Get("predictors", "broken")!["status"]!["available"]!.GetValue<bool>());
        await harness.Mesh.InferAsync(InferRequests.SampleMlp("healthy"));
    }

    [Fact]
    public async Task InvalidSpec_UnsupportedModelTypeIsReportedNotRegistered()
    {
        await using var harness = await ControllerHarness.StartAsync(mesh);
        harness.Api.Apply("predictors", ControllerHarness.Predictor("tf", mesh.MlpPath, modelType: "tensorflow"));

        await harness.UntilPredictorAsync("tf", "Pending", "InvalidSpec");
        Assert.Equal("NoSupportingRuntime", harness.Status("predictors", "tf", "lastFailureInfo", "reason"));
        Assert.DoesNotContain((await harness.Mesh.ListModelsAsync()).Models, m => m.ModelId.StartsWith("tf__", StringComparison.Ordinal));
    }
}
