using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using ModelMesh.Kubernetes.Resources;
using ModelMesh.Kubernetes.Status;
using ModelMesh.Kubernetes.Tests.ApiDouble;

namespace ModelMesh.Kubernetes.Tests.Controller;

/// <summary>Status writes through KubernetesClient against the API server DOUBLE: merge patch on /status, 409 on a stale version, no write when unchanged.</summary>
public sealed class StatusWriterTests : IAsyncLifetime, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mm-k8s-status-").FullName;
    private KubeApiDouble _api = null!;
    private k8s.Kubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _api = await KubeApiDouble.StartAsync("status-tests");
        _client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_api.WriteKubeconfig(_directory, "writer")));
    }

    public void Dispose() => _client.Dispose();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Write_ChangedThenUnchangedThenStale()
    {
        _api.Apply("predictors", ControllerHarness.Predictor("p", "/m/model.onnx"));
        var writer = new StatusWriter(_client, "status-tests");
        var resource = Read("p");
        var status = new JsonObject { ["available"] = false, ["activeModelState"] = "Loading", ["lastFailureInfo"] = new JsonObject { ["reason"] = "ModelLoadFailed" } };

        var (first, updated) = await writer.WriteAsync(resource, status, default);
        Assert.Equal(StatusWriter.Result.Written, first);
        Assert.Equal("Loading", _api.Get("predictors", "p")!["status"]!["activeModelState"]!.GetValue<string>());

        var (second, _) = await writer.WriteAsync(updated!, (JsonObject)status.DeepClone(), default);
        Assert.Equal(StatusWriter.Result.Unchanged, second);

        // A field left out is removed (merge patch null); a stale resourceVersion conflicts.
        var (third, _) = await writer.WriteAsync(updated!, new JsonObject { ["available"] = true, ["activeModelState"] = "Loaded" }, default);
        Assert.Equal(StatusWriter.Result.Written, third);
        Assert.Null(_api.Get("predictors", "p")!["status"]!["lastFailureInfo"]);
        var (stale, _) = await writer.WriteAsync(updated!, new JsonObject { ["available"] = false }, default);
        Assert.Equal(StatusWriter.Result.Conflict, stale);
        Assert.Equal(2, _api.Writes.Count);
    }

    [Fact]
    public async Task JsonPatch_TestOpOnStaleValueConflicts()
    {
        _api.Apply("predictors", ControllerHarness.Predictor("j", "/m/model.onnx"));
        var patch = """[{"op": "test", "path": "/metadata/generation", "value": 7}, {"op": "add", "path": "/status", "value": {"available": true}}]""";
        var error = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => _client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new k8s.Models.V1Patch(patch, k8s.Models.V1Patch.PatchType.JsonPatch), "serving.kserve.io", "v1alpha1", "status-tests", "predictors", "j"));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, error.Response.StatusCode);

        var ok = """[{"op": "add", "path": "/status", "value": {"available": true}}]""";
        await _client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new k8s.Models.V1Patch(ok, k8s.Models.V1Patch.PatchType.JsonPatch), "serving.kserve.io", "v1alpha1", "status-tests", "predictors", "j");
        Assert.True(_api.Get("predictors", "j")!["status"]!["available"]!.GetValue<bool>());
    }

    private KubeResource Read(string name) =>
        KubeResource.From(ResourceKind.Predictor, JsonDocument.Parse(_api.Get("predictors", name)!.ToJsonString()).RootElement);
}
