using System.Text.Json.Nodes;
using ModelMesh.Testing;

namespace ModelMesh.Kubernetes.Tests.Controller;

/// <summary>InferenceService (ModelMesh mode only) and TrainedModel against the API server DOUBLE and a real dev mesh.</summary>
public sealed class OtherResourcesTests(MeshFixture mesh) : IClassFixture<MeshFixture>
{
    [Fact]
    public async Task InferenceService_InModelMeshModeLoadsAndReportsModelStatusAndConditions()
    {
        await using var harness = await ControllerHarness.StartAsync(mesh);
        harness.Api.Apply("inferenceservices", InferenceService("isvc-mm", new Uri(mesh.MlpPath).AbsoluteUri, modelMesh: true));
        harness.Api.Apply("inferenceservices", InferenceService("isvc-other", new Uri(mesh.MlpPath).AbsoluteUri, modelMesh: false));

        await Eventually.Until(() => harness.Status("inferenceservices", "isvc-mm", "modelStatus", "states", "activeModelState") == "Loaded",
            ControllerHarness.Wait, "the ModelMesh InferenceService is Loaded");
        var status = harness.Api.Get("inferenceservices", "isvc-mm")!["status"]!;
        Assert.Equal("UpToDate", status["modelStatus"]!["transitionStatus"]!.GetValue<string>());
        Assert.Equal(1, status["modelStatus"]!["copies"]!["totalCopies"]!.GetValue<int>());
        var conditions = status["conditions"]!.AsArray();
        Assert.Contains(conditions, c => c!["type"]!.GetValue<string>() == "Ready" && c["status"]!.GetValue<string>() == "True");
        Assert.Contains(conditions, c => c!["type"]!.GetValue<string>() == "PredictorReady" && c["status"]!.GetValue<string>() == "True");
        await harness.Mesh.InferAsync(InferRequests.SampleMlp("isvc-mm"));

        // The other InferenceService belongs to another controller: no status, no registration.
        Assert.Null(harness.Api.Get("inferenceservices", "isvc-other")!["status"]);
        Assert.DoesNotContain(harness.Api.Writes, w => w.Name == "isvc-other");
        Assert.DoesNotContain((await harness.Mesh.ListModelsAsync()).Models, m => m.ModelId.StartsWith("isvc-other__", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TrainedModel_LoadsWithItsMemoryAsSizeHintAndIsReady()
    {
        await using var harness = await ControllerHarness.StartAsync(mesh);
        harness.Api.Apply("trainedmodels", new JsonObject
        {
            ["apiVersion"] = "serving.kserve.io/v1alpha1",
            ["kind"] = "TrainedModel",
            ["metadata"] = new JsonObject { ["name"] = "tm" },
            ["spec"] = new JsonObject
            {
                ["inferenceService"] = "mesh",
                ["model"] = new JsonObject { ["framework"] = "onnx", ["storageUri"] = new Uri(mesh.MlpPath).AbsoluteUri, ["memory"] = "1Mi" },
            },
        });

        await Eventually.Until(() => harness.Api.Get("trainedmodels", "tm")?["status"]?["conditions"]?.AsArray()
            .Any(c => c!["type"]!.GetValue<string>() == "Ready" && c["status"]!.GetValue<string>() == "True") == true, ControllerHarness.Wait, "the TrainedModel is Ready");
        var status = harness.Api.Get("trainedmodels", "tm")!["status"]!;
        Assert.EndsWith("/v2/models/tm", status["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(status["conditions"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "FrameworkSupported" && c["status"]!.GetValue<string>() == "True");
        await harness.Mesh.InferAsync(InferRequests.SampleMlp("tm"));
    }

    private static JsonObject InferenceService(string name, string storageUri, bool modelMesh)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (modelMesh)
        {
            metadata["annotations"] = new JsonObject { ["serving.kserve.io/deploymentMode"] = "ModelMesh" };
        }

        return new JsonObject
        {
            ["apiVersion"] = "serving.kserve.io/v1beta1",
            ["kind"] = "InferenceService",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject
            {
                ["predictor"] = new JsonObject
                {
                    ["model"] = new JsonObject { ["modelFormat"] = new JsonObject { ["name"] = "onnx" }, ["storageUri"] = storageUri },
                },
            },
        };
    }
}
