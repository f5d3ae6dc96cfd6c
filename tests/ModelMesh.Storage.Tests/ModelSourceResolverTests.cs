using ModelMesh.Storage.Config;

namespace ModelMesh.Storage.Tests;

/// <summary>What registration accepts: schemes, storage keys and their types, default entries and buckets.</summary>
public sealed class ModelSourceResolverTests
{
    private static readonly StorageConfig Config = StorageConfig.FromEntries(
        new S3StorageEntry("minio") { AccessKeyId = "k", SecretAccessKey = "s", EndpointUrl = new Uri("http://minio:9000"), DefaultBucket = "fallback" },
        new S3StorageEntry("nobucket") { AccessKeyId = "k", SecretAccessKey = "s" },
        new AzureStorageEntry("blobs") { AccountName = "acct", AccountKey = "a2V5", Container = "c1" },
        new HttpStorageEntry("web"));

    [Theory]
    [InlineData("s3://bucket/m/model.onnx", "minio", StorageKind.S3, "bucket", "m/model.onnx")]
    [InlineData("s3:///m/model.onnx", "minio", StorageKind.S3, "fallback", "m/model.onnx")]
    [InlineData("azure://models/dir/model.onnx", "blobs", StorageKind.Azure, "models", "dir/model.onnx")]
    [InlineData("azure:///dir/model.onnx", "blobs", StorageKind.Azure, "c1", "dir/model.onnx")]
    [InlineData("https://acct.blob.core.windows.net/cont/a/model.onnx", "blobs", StorageKind.Azure, "cont", "a/model.onnx")]
    [InlineData("https://acct.blob.core.windows.net/cont/a/model.onnx", null, StorageKind.Azure, "cont", "a/model.onnx")]
    [InlineData("http://host:8080/models/m.onnx", null, StorageKind.Http, "host:8080", "models/m.onnx")]
    [InlineData("https://host/models/m.onnx", "web", StorageKind.Http, "host", "models/m.onnx")]
    [InlineData("pvc://claim-a/models/m.onnx", null, StorageKind.Pvc, "claim-a", "models/m.onnx")]
    [InlineData("file:///models/m/model.onnx", null, StorageKind.File, "", "/models/m/model.onnx")]
    public void Resolve_Supported_GivesStoreContainerAndPath(string uri, string? key, StorageKind kind, string container, string path)
    {
        var source = ModelSourceResolver.Resolve(uri, key, Config);

        Assert.Equal((kind, container, path), (source.Location.Kind, source.Container, source.Location.Path));
        Assert.Equal(key, source.Entry?.Key);
    }

    [Fact]
    public void Resolve_S3WithoutKey_UsesTheDefaultEntry()
    {
        var config = StorageConfig.FromEntries(new S3StorageEntry("default") { DefaultBucket = "b" });

        var source = ModelSourceResolver.Resolve("s3:///m.onnx", null, config);

        Assert.Equal(("default", "b"), (source.Entry!.Key, source.Container));
    }

    [Theory]
    [InlineData("s3://b/m.onnx", "missing", "unknown storage key 'missing'; configured keys: blobs, minio, nobucket, web")]
    [InlineData("s3://b/m.onnx", "blobs", "storage key 'blobs' is a azure entry; 's3://b/m.onnx' needs a s3 one")]
    [InlineData("azure://c/m.onnx", "web", "storage key 'web' is a http entry")]
    [InlineData("http://h/m.onnx", "minio", "storage key 'minio' is a s3 entry")]
    [InlineData("s3://b/m.onnx", null, "needs a storage key naming a s3 storage-config entry (or a 'default' s3 entry)")]
    [InlineData("s3:///m.onnx", "nobucket", "names no bucket and storage-config entry 'nobucket' has no default_bucket")]
    [InlineData("s3://bucket", "minio", "has no object key")]
    [InlineData("file:///m/model.onnx", "minio", "takes no storage key")]
    [InlineData("pvc://claim", null, "has no path inside the claim")]
    [InlineData("pvc://claim/a%2F..%2F..%2Fetc%2Fpasswd", null, "must not leave its claim")]
    [InlineData("gs://bucket/m.onnx", null, "storage URI scheme 'gs' is not supported; supported: file, pvc, s3, azure, http, https")]
    [InlineData("models/m.onnx", null, "is not an absolute URI")]
    [InlineData("https://acct.blob.core.windows.net/only-container", null, "needs a container and a blob")]
    public void Resolve_Unusable_InvalidStorageReferenceNamingWhy(string uri, string? key, string expected)
    {
        var e = Assert.Throws<InvalidStorageReferenceException>(() => ModelSourceResolver.Resolve(uri, key, Config));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_KeyWithoutAnyConfig_SaysNoneIsLoaded()
    {
        var e = Assert.Throws<InvalidStorageReferenceException>(() => ModelSourceResolver.Resolve("s3://b/m", "k", StorageConfig.Empty));

        Assert.Equal("unknown storage key 'k'; no storage config is loaded (--storage-config)", e.Message);
    }

    [Fact]
    public void Display_DropsUserInfoAndQuery()
    {
        var source = ModelSourceResolver.Resolve("https://user:pa55word@host/m.onnx?sig=SAS-TOKEN", null, Config);

        Assert.Equal("https://host/m.onnx?...", source.Display);
    }
}
