using System.Text.Json.Nodes;
using ModelMesh.Testing;

namespace ModelMesh.Kubernetes.Tests.Controller;

/// <summary>
/// The storage-config Secret read by the controller: KubernetesClient against the API server DOUBLE (see
/// KubeApiDouble; no real API server runs here, its Secrets are served in the real wire format and authorized by name
/// as the Role in deploy/kubernetes does) and a real in-process dev mesh downloading from a real HTTP server.
/// </summary>
public sealed class StorageSecretTests(StorageMeshFixture mesh) : IClassFixture<StorageMeshFixture>
{
    private const string HttpToken = "Bearer k8s-http-token-5521";
    private const string S3Secret = "k8sS3SecretValue9931xyz";
    private const string S3AccessKey = "AKIDK8SACCESS0001";

    private static readonly KeyValuePair<string, string> OtherEntry = new("s3-other",
        $$"""{"type": "s3", "access_key_id": "{{S3AccessKey}}", "secret_access_key": "{{S3Secret}}", "endpoint_url": "http://127.0.0.1:1", "default_bucket": "b"}""");

    private static readonly KeyValuePair<string, string> WebEntry = new(StorageMeshFixture.Key,
        $$$"""{"type": "http", "headers": {"Authorization": "{{{HttpToken}}}"}}""");

    [Fact]
    public async Task UnknownKey_IsInvalidSpecUntilTheSecretHasItThenLoads()
    {
        await using var harness = await ControllerHarness.StartAsync(mesh.Endpoint, beforeReplicas: api => api.ApplySecret("storage-config", Entries(OtherEntry)));
        harness.Api.Apply("predictors", Predictor("keyed", mesh.ModelUri, StorageMeshFixture.Key));
        harness.Api.Apply("inferenceservices", InferenceService("keyed-isvc", mesh.ModelUri, StorageMeshFixture.Key));

        await harness.UntilPredictorAsync("keyed", "Pending", "InvalidSpec");
        Assert.Equal("InvalidPredictorSpec", harness.Status("predictors", "keyed", "lastFailureInfo", "reason"));
        var message = harness.Status("predictors", "keyed", "lastFailureInfo", "message")!;
        Assert.Contains("unknown storage key 'web'", message, StringComparison.Ordinal);
        Assert.Contains("s3-other", message, StringComparison.Ordinal);
        Assert.Contains("Secret 'storage-config'", message, StringComparison.Ordinal);
        await Eventually.Until(() => harness.Status("inferenceservices", "keyed-isvc", "modelStatus", "transitionStatus") == "InvalidSpec",
            ControllerHarness.Wait, "the InferenceService is InvalidSpec");
        Assert.Contains("unknown storage key 'web'", harness.Status("inferenceservices", "keyed-isvc", "modelStatus", "lastFailureInfo", "message"), StringComparison.Ordinal);
        // Refused by the controller, not by the mesh: nothing was registered.
        Assert.DoesNotContain((await harness.Mesh.ListModelsAsync()).Models, m => m.ModelId.StartsWith("keyed", StringComparison.Ordinal));

        harness.Api.ApplySecret("storage-config", Entries(OtherEntry, WebEntry));

        await harness.UntilPredictorAsync("keyed", "Loaded");
        Assert.Null(harness.Api.Get("predictors", "keyed")!["status"]!["lastFailureInfo"]);
        await Eventually.Until(() => harness.Status("inferenceservices", "keyed-isvc", "modelStatus", "states", "activeModelState") == "Loaded",
            ControllerHarness.Wait, "the InferenceService is Loaded");
        await harness.Mesh.InferAsync(InferRequests.SampleMlp("keyed"));
        Assert.Contains(StorageMeshFixture.MeshToken, mesh.Authorizations);
        AssertNoCredential(harness);
    }

    [Fact]
    public async Task WrongTypeOrBadEntry_IsInvalidSpecAndKeylessResourcesAreUnaffected()
    {
        var wrongType = new KeyValuePair<string, string>(StorageMeshFixture.Key, OtherEntry.Value);
        var broken = new KeyValuePair<string, string>("broken", $$"""{"type": "s3", "secret_access_key": "{{S3Secret}}" """);
        await using var harness = await ControllerHarness.StartAsync(mesh.Endpoint, beforeReplicas: api => api.ApplySecret("storage-config", Entries(wrongType, broken)));
        harness.Api.Apply("predictors", Predictor("wrong-type", mesh.ModelUri, StorageMeshFixture.Key));
        harness.Api.Apply("predictors", Predictor("bad-entry", mesh.ModelUri, "broken"));
        harness.Api.Apply("predictors", Predictor("keyless", mesh.ModelUri, null));

        await harness.UntilPredictorAsync("wrong-type", "Pending", "InvalidSpec");
        await harness.UntilPredictorAsync("bad-entry", "Pending", "InvalidSpec");
        await harness.UntilPredictorAsync("keyless", "Loaded");
        Assert.Contains("storage key 'web' is a s3 entry", harness.Status("predictors", "wrong-type", "lastFailureInfo", "message"), StringComparison.Ordinal);
        Assert.Contains("storage-config entry 'broken' is not valid JSON", harness.Status("predictors", "bad-entry", "lastFailureInfo", "message"), StringComparison.Ordinal);
        AssertNoCredential(harness);
    }

    [Fact]
    public async Task MissingSecret_HoldsKeyedResourcesWithAClearMessageUntilItAppears()
    {
        await using var harness = await ControllerHarness.StartAsync(mesh.Endpoint);
        harness.Api.Apply("predictors", Predictor("waits", mesh.ModelUri, StorageMeshFixture.Key));
        harness.Api.Apply("predictors", Predictor("plain", mesh.ModelUri, null));

        await harness.UntilPredictorAsync("waits", "Pending", "InvalidSpec");
        await harness.UntilPredictorAsync("plain", "Loaded");
        Assert.Contains("the Secret 'storage-config' does not exist in namespace", harness.Status("predictors", "waits", "lastFailureInfo", "message"), StringComparison.Ordinal);

        harness.Api.ApplySecret("storage-config", Entries(WebEntry));

        await harness.UntilPredictorAsync("waits", "Loaded");
        AssertNoCredential(harness);
    }

    private static void AssertNoCredential(ControllerHarness harness)
    {
        var statuses = string.Join('\n', harness.Api.Writes.Select(w => w.Status.ToJsonString()));
        var logs = string.Join('\n', harness.Log.Events.Select(e => e.Message + " " + string.Join(' ', e.Values.Values)));
        Assert.NotEmpty(harness.Log.Events);
        foreach (var secret in new[] { "k8s-http-token-5521", S3Secret, S3AccessKey })
        {
            Assert.DoesNotContain(secret, statuses, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string> Entries(params KeyValuePair<string, string>[] entries) => new(entries, StringComparer.Ordinal);

    private static JsonObject Predictor(string name, string storageUri, string? key)
    {
        var spec = new JsonObject { ["modelType"] = new JsonObject { ["name"] = "onnx" }, ["storageUri"] = storageUri };
        if (key is not null)
        {
            spec["storage"] = new JsonObject { ["key"] = key };
        }

        return new JsonObject
        {
            ["apiVersion"] = "serving.kserve.io/v1alpha1",
            ["kind"] = "Predictor",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = spec,
        };
    }

    private static JsonObject InferenceService(string name, string storageUri, string key) => new()
    {
        ["apiVersion"] = "serving.kserve.io/v1beta1",
        ["kind"] = "InferenceService",
        ["metadata"] = new JsonObject { ["name"] = name, ["annotations"] = new JsonObject { ["serving.kserve.io/deploymentMode"] = "ModelMesh" } },
        ["spec"] = new JsonObject
        {
            ["predictor"] = new JsonObject
            {
                ["model"] = new JsonObject
                {
                    ["modelFormat"] = new JsonObject { ["name"] = "onnx" },
                    ["storageUri"] = storageUri,
                    ["storage"] = new JsonObject { ["key"] = key },
                },
            },
        },
    };
}
