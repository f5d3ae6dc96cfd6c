using ModelMesh.Storage.Config;

namespace ModelMesh.Storage.Tests;

/// <summary>storage-config in ModelMesh's format: a mounted Secret (one file per key) or one JSON file; bad entries name the key and field only.</summary>
public sealed class StorageConfigTests : IDisposable
{
    private readonly string _dir = TestModels.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Load_SecretMountDirectory_OneEntryPerFileAndSkipsTheMountsDotFolders()
    {
        // A Secret volume: ..2026_01_01/KEY files, a ..data link to it, and KEY links to ..data/KEY.
        var stamped = Directory.CreateDirectory(Path.Combine(_dir, "..2026_01_01_00_00_00.1"));
        File.WriteAllText(Path.Combine(stamped.FullName, "localMinIO"),
            """{"type": "s3", "access_key_id": "AKID", "secret_access_key": "s3cr3t-value", "endpoint_url": "http://minio:9000", "default_bucket": "modelmesh-example-models", "region": "us-south"}""");
        File.WriteAllText(Path.Combine(stamped.FullName, "blobs"),
            """{"type": "azure", "account_name": "acct", "account_key": "a2V5LXZhbHVl", "container": "models"}""");
        File.WriteAllText(Path.Combine(stamped.FullName, "web"), """{"type": "http", "headers": {"Authorization": "Bearer tok-123", "X-Multi": ["a", "b"]}}""");
        Directory.CreateSymbolicLink(Path.Combine(_dir, "..data"), stamped.FullName);
        foreach (var key in new[] { "localMinIO", "blobs", "web" })
        {
            File.CreateSymbolicLink(Path.Combine(_dir, key), Path.Combine("..data", key));
        }

        var config = StorageConfig.Load(_dir);

        Assert.Equal(["blobs", "localMinIO", "web"], config.Keys);
        var s3 = Assert.IsType<S3StorageEntry>(config.Find("localMinIO"));
        Assert.Equal("AKID", s3.AccessKeyId);
        Assert.Equal("s3cr3t-value", s3.SecretAccessKey);
        Assert.Equal(new Uri("http://minio:9000"), s3.EndpointUrl);
        Assert.Equal("modelmesh-example-models", s3.DefaultBucket);
        Assert.Equal("us-south", s3.Region);
        var azure = Assert.IsType<AzureStorageEntry>(config.Find("blobs"));
        Assert.Equal(("acct", "a2V5LXZhbHVl", "models"), (azure.AccountName, azure.AccountKey, azure.Container));
        var http = Assert.IsType<HttpStorageEntry>(config.Find("web"));
        Assert.Equal(["Bearer tok-123"], http.Headers["authorization"]);
        Assert.Equal(["a", "b"], http.Headers["X-Multi"]);
    }

    [Fact]
    public void Load_JsonFile_EntriesAsObjectsOrStringsAndKServesBucketField()
    {
        var file = Path.Combine(_dir, "storage-config.json");
        File.WriteAllText(file, """
            {
              "default": {"type": "s3", "access_key_id": "k", "secret_access_key": "s", "bucket": "kserve-bucket"},
              "as-string": "{\"type\": \"http\"}"
            }
            """);

        var config = StorageConfig.Load(file);

        Assert.Equal("kserve-bucket", Assert.IsType<S3StorageEntry>(config.Find("default")).DefaultBucket);
        Assert.Equal("us-east-1", ((S3StorageEntry)config.Find("default")!).Region);
        Assert.IsType<HttpStorageEntry>(config.Find("as-string"));
    }

    [Theory]
    [InlineData("""{"x": {"access_key_id": "k"}}""", "storage-config entry 'x' has no \"type\"")]
    [InlineData("""{"x": {"type": "gcs"}}""", "storage-config entry 'x' has type 'gcs'; supported: s3, azure, http")]
    [InlineData("""{"x": {"type": "s3", "access_key_id": "only-the-id"}}""", "needs both \"access_key_id\" and \"secret_access_key\"")]
    [InlineData("""{"x": {"type": "s3", "endpoint_url": "not a url"}}""", "has \"endpoint_url\" that is not an absolute http(s) URL")]
    [InlineData("""{"x": {"type": "s3", "certificate": "-----BEGIN"}}""", "has \"certificate\": custom CA certificates for S3 are not supported")]
    [InlineData("""{"x": {"type": "azure", "client_id": "c", "client_secret": "s", "tenant_id": "t"}}""", "service principal credentials are not supported")]
    [InlineData("""{"x": {"type": "azure", "account_key": "k3y-value"}}""", "has \"account_key\" but no \"account_name\"")]
    [InlineData("""{"x": {"type": "azure", "connection_string": "garbage-k3y"}}""", "not a valid Azure Storage connection string")]
    [InlineData("""{"x": {"type": "http", "headers": {"A": 1}}}""", "header 'A' that is not a string or a list of strings")]
    [InlineData("""{"x": 5}""", "storage-config entry 'x' must be a JSON object")]
    [InlineData("""[1]""", "must be a JSON object mapping storage keys to entries")]
    [InlineData("""{"x": {"type": "s3", """, "is not valid JSON")]
    public void Parse_BadEntry_NamesKeyAndFieldNeverTheValue(string json, string expected)
    {
        var e = Assert.Throws<StorageConfigException>(() => StorageConfig.Parse(json, "test.json"));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        foreach (var secret in new[] { "only-the-id", "k3y-value", "garbage-k3y", "-----BEGIN" })
        {
            Assert.DoesNotContain(secret, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Load_DirectoryEntryNotJson_NamesTheKey()
    {
        File.WriteAllText(Path.Combine(_dir, "broken"), "type=s3 secret=hunter22");

        var e = Assert.Throws<StorageConfigException>(() => StorageConfig.Load(_dir));

        Assert.StartsWith("storage-config entry 'broken'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter22", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJsonEntries_SecretData_ParsesEachEntry()
    {
        var config = StorageConfig.FromJsonEntries(
            [KeyValuePair.Create("minio", """{"type": "s3", "endpoint_url": "http://minio:9000", "default_bucket": "b"}"""),
             KeyValuePair.Create("web", """{"type": "http"}""")],
            "secret ns/storage-config");

        Assert.Equal(["minio", "web"], config.Keys);
        Assert.Equal("b", Assert.IsType<S3StorageEntry>(config.Find("minio")).DefaultBucket);
        Assert.Equal("secret ns/storage-config", config.Source);
        Assert.Contains("entry 'bad' is not valid JSON",
            Assert.Throws<StorageConfigException>(() => StorageConfig.FromJsonEntries([KeyValuePair.Create("bad", "{nope")])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingPath_SaysWhatToGive()
    {
        var e = Assert.Throws<StorageConfigException>(() => StorageConfig.Load(Path.Combine(_dir, "nope")));

        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_ToStringAndRedact_NeverShowSecrets()
    {
        var s3 = new S3StorageEntry("k") { AccessKeyId = "AKIDEXAMPLE", SecretAccessKey = "wJalrXUtnFEMI" };
        var azure = new AzureStorageEntry("a") { ConnectionString = "AccountName=x;AccountKey=c2VjcmV0a2V5;BlobEndpoint=http://h/x" };
        var http = new HttpStorageEntry("h") { Headers = new Dictionary<string, IReadOnlyList<string>> { ["Authorization"] = ["Bearer tok-xyz"] } };

        Assert.Equal("s3 storage entry 'k'", s3.ToString());
        Assert.Equal("error for ***: *** rejected", s3.Redact("error for AKIDEXAMPLE: wJalrXUtnFEMI rejected"));
        Assert.Equal("azure storage entry 'a'", azure.ToString());
        Assert.DoesNotContain("c2VjcmV0a2V5", azure.Redact("AccountKey=c2VjcmV0a2V5 failed"), StringComparison.Ordinal);
        Assert.DoesNotContain("tok-xyz", http.Redact("sent Bearer tok-xyz"), StringComparison.Ordinal);
    }
}
