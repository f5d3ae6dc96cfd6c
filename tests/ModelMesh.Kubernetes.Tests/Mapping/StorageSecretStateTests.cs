using System.Text;
using System.Text.Json;
using k8s.Models;
using ModelMesh.Kubernetes.Resources;
using ModelMesh.Kubernetes.StorageSecret;

namespace ModelMesh.Kubernetes.Tests.Mapping;

/// <summary>A resource's storage checked against the storage-config Secret's data (as KubernetesClient decodes it).</summary>
public sealed class StorageSecretStateTests
{
    private const string SecretValue = "S3cretAccessValue0077";

    private static readonly StorageSecretState Present = StorageSecretState.FromSecret(new V1Secret
    {
        Metadata = new V1ObjectMeta { Name = "storage-config", ResourceVersion = "7" },
        Data = new Dictionary<string, byte[]>
        {
            ["store"] = Encoding.UTF8.GetBytes($$"""{"type": "s3", "access_key_id": "AKID0077", "secret_access_key": "{{SecretValue}}", "default_bucket": "models"}"""),
            ["web"] = Encoding.UTF8.GetBytes("""{"type": "http"}"""),
            ["cert"] = Encoding.UTF8.GetBytes($$"""{"type": "s3", "certificate": "{{SecretValue}}"}"""),
            ["binary"] = [0xff, 0xfe, 0x00],
        },
    }, "ns");

    [Theory]
    [InlineData("s3:///m.onnx", "store", null)]
    [InlineData("https://models.example.com/m.onnx", "web", null)]
    [InlineData("https://models.example.com/m.onnx", null, null)]
    [InlineData("file:///abs/model.onnx", null, null)]
    [InlineData("s3://b/m.onnx", "nope", "unknown storage key 'nope'; configured keys: store, web (Secret 'storage-config')")]
    [InlineData("s3://b/m.onnx", "web", "storage key 'web' is a http entry")]
    [InlineData("s3://b/m.onnx", null, "needs a storage key naming a s3 storage-config entry")]
    [InlineData("s3://b/m.onnx", "cert", "'cert'")]
    [InlineData("s3://b/m.onnx", "binary", "storage-config entry 'binary' is not UTF-8 text")]
    public void Present_AppliesTheMeshRegistrationRules(string uri, string? key, string? error)
    {
        var message = Present.Check(Model(uri, key));
        if (error is null)
        {
            Assert.Null(message);
        }
        else
        {
            Assert.NotNull(message);
            Assert.Contains(error, message, StringComparison.Ordinal);
            Assert.DoesNotContain(SecretValue, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MissingOrUnreadable_HoldsOnlyResourcesWithAKey()
    {
        var missing = StorageSecretState.Missing("storage-config", "ns");
        var unreadable = StorageSecretState.Unreadable("storage-config", "ns", "the API server answered 403 Forbidden");

        Assert.Null(missing.Check(Model("https://h/m.onnx", null)));
        Assert.Contains("the Secret 'storage-config' does not exist in namespace 'ns'", missing.Check(Model("s3://b/m.onnx", "store")), StringComparison.Ordinal);
        Assert.Null(unreadable.Check(Model("pvc://claim/m.onnx", null)));
        Assert.Contains("cannot be read (the API server answered 403 Forbidden)", unreadable.Check(Model("s3://b/m.onnx", "store")), StringComparison.Ordinal);
        Assert.Null(StorageSecretState.Disabled("ns").Check(Model("s3://b/m.onnx", "anything")));
        Assert.NotEqual(missing.Version, Present.Version);
    }

    private static MeshModelSpec Model(string uri, string? key)
    {
        using var doc = JsonDocument.Parse("""{"metadata": {"name": "p", "namespace": "ns", "resourceVersion": "1"}}""");
        return MeshModelSpec.Create(KubeResource.From(ResourceKind.Predictor, doc.RootElement), uri, key, "onnx");
    }
}
