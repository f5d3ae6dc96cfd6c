using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Grpc.Core;
using Grpc.Net.Client;
using ModelMesh.Host.Roles;
using ModelMesh.Storage.Config;
using ModelMesh.Storage.Tests.Infrastructure;
using ModelMesh.Testing;

namespace ModelMesh.Storage.Tests;

/// <summary>
/// An in-process dev mesh (front door + silo, real loopback gRPC/REST, real ONNX Runtime) with a storage config for
/// s3rver, Azurite and an HTTP server, each holding the sample mlp at e2e/mlp/model.onnx; shared by the tests of a class.
/// </summary>
public sealed class DevMeshWithStores : IAsyncLifetime, IDisposable
{
    private readonly S3rverFixture _s3 = new();
    private readonly AzuriteFixture _azure = new();
    private HttpModelServer _http = null!;
    private DevCluster _cluster = null!;
    private HttpClient _rest = null!;
    private MeshV2 _v2 = null!;
    private string _cache = null!;

    public ClusterLog Log { get; } = new();

    public HttpModelServer Http => _http;

    public DevCluster Cluster => _cluster;

    public HttpClient Rest => _rest;

    public MeshV2 V2 => _v2;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_s3.InitializeAsync(), _azure.InitializeAsync());
        _http = await HttpModelServer.StartAsync();
        await _s3.PutAsync("e2e/mlp/model.onnx", TestModels.Mlp);
        await _azure.PutAsync("e2e/mlp/model.onnx", TestModels.Mlp);
        _http.Serve("/e2e/mlp/model.onnx", TestModels.Mlp);
        _cache = TestModels.TempDirectory();
        _cluster = await DevCluster.StartAsync(
            new DevClusterOptions
            {
                Silos = 1,
                GrpcPort = 0,
                HttpPort = 0,
                MetricsPort = 0,
                Storage = new StorageOptions { CacheDirectory = _cache, RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero },
                StorageConfig = StorageConfig.FromEntries(
                    _s3.Entry("s3-e2e"),
                    _azure.ConnectionStringEntry("azure-e2e"),
                    new HttpStorageEntry("http-e2e") { Headers = new Dictionary<string, IReadOnlyList<string>> { ["Authorization"] = ["Bearer e2e-token-0042"] } }),
            },
            logging: b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(Log.ProviderFor("dev")));
        _rest = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_cluster.FrontDoor.HttpPort}") };
        _v2 = new MeshV2(GrpcChannel.ForAddress($"http://127.0.0.1:{_cluster.FrontDoor.GrpcPort}"));
    }

    public void Dispose()
    {
        _v2?.Dispose();
        _rest?.Dispose();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _http.DisposeAsync();
        await Task.WhenAll(_s3.DisposeAsync(), _azure.DisposeAsync());
        Directory.Delete(_cache, recursive: true);
    }
}

/// <summary>
/// End to end on <see cref="DevMeshWithStores"/>: models registered through the REST management API load from S3,
/// Azure Blob and HTTP and serve; a missing object fails the load with the store's reason; unknown keys and schemes
/// are refused at registration; credentials never show in logs, metrics or status.
/// </summary>
public sealed class EndToEndTests(DevMeshWithStores mesh) : IClassFixture<DevMeshWithStores>
{
    [Theory]
    [InlineData("from-s3", "s3://models/e2e/mlp/model.onnx", "s3-e2e")]
    [InlineData("from-azure", "azure://models/e2e/mlp/model.onnx", "azure-e2e")]
    [InlineData("from-http", "HTTP", "http-e2e")]
    public async Task RegisterThroughRestThenInfer_LoadsFromTheStore(string id, string uri, string key)
    {
        uri = uri == "HTTP" ? mesh.Http.Url("/e2e/mlp/model.onnx").AbsoluteUri : uri;

        using var put = await mesh.Rest.PutAsJsonAsync($"/v1/mesh/models/{id}", new { storageUri = uri, storageKey = key });
        var response = await mesh.V2.InferAsync(InferRequests.SampleMlp(id));

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var probabilities = InferRequests.Floats(response.RawOutputContents[0]);
        Assert.Equal(3, probabilities.Length);
        Assert.Equal(1.0, probabilities.Sum(), 3);
        Assert.Contains(mesh.Log.WithId(4003), e => e.Message.Contains(id == "from-http" ? "/e2e/mlp/model.onnx" : "models", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MissingObject_InferFailsWithTheStoresReasonAndStatusShowsIt()
    {
        using var put = await mesh.Rest.PutAsJsonAsync("/v1/mesh/models/missing-s3", new { storageUri = "s3://models/e2e/absent.onnx", storageKey = "s3-e2e" });

        var e = await Assert.ThrowsAsync<RpcException>(() => mesh.V2.InferAsync(InferRequests.SampleMlp("missing-s3")));
        var status = await Status("missing-s3");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.True(e.StatusCode == StatusCode.FailedPrecondition, $"{e.StatusCode}: {e.Status.Detail}");
        Assert.Contains("404 NoSuchKey", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("LOADING_FAILED", status.GetProperty("status").GetString());
        Assert.Contains(status.GetProperty("errors").EnumerateArray(), error => error.GetString()!.Contains("404 NoSuchKey", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("s3://models/m.onnx", "no-such-key", "unknown storage key 'no-such-key'; configured keys: azure-e2e, http-e2e, s3-e2e")]
    [InlineData("s3://models/m.onnx", "azure-e2e", "storage key 'azure-e2e' is a azure entry")]
    [InlineData("gs://bucket/m.onnx", null, "storage URI scheme 'gs' is not supported")]
    public async Task Register_UnusableStorage_400AtRegistration(string uri, string? key, string expected)
    {
        using var put = await mesh.Rest.PutAsJsonAsync("/v1/mesh/models/refused", new { storageUri = uri, storageKey = key });
        var body = await put.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains(expected, body.GetProperty("error").GetString(), StringComparison.Ordinal);
        using var get = await mesh.Rest.GetAsync("/v1/mesh/models/refused");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Credentials_NeverInLogsMetricsOrStatus()
    {
        using var put = await mesh.Rest.PutAsJsonAsync("/v1/mesh/models/secret-check", new { storageUri = "s3://models/e2e/mlp/model.onnx", storageKey = "s3-e2e", loadNow = true, sync = true });
        using var failing = await mesh.Rest.PutAsJsonAsync("/v1/mesh/models/secret-fail", new { storageUri = "azure://models/none.onnx", storageKey = "azure-e2e", loadNow = true, sync = true });
        using var http = await mesh.Rest.PutAsJsonAsync("/v1/mesh/models/secret-http", new { storageUri = mesh.Http.Url("/none.onnx").AbsoluteUri, storageKey = "http-e2e", loadNow = true, sync = true });
        using var metricsClient = new HttpClient();

        var texts = new[]
        {
            string.Join('\n', mesh.Log.Events.Select(e => e.Message + " " + string.Join(' ', e.Values.Values))),
            Strings(await put.Content.ReadAsStringAsync()),
            Strings(await failing.Content.ReadAsStringAsync()),
            Strings(await http.Content.ReadAsStringAsync()),
            Strings(await mesh.Rest.GetStringAsync("/v1/mesh/models")),
            await metricsClient.GetStringAsync($"http://127.0.0.1:{mesh.Cluster.MetricsPort}/metrics"),
        };

        Assert.Contains("LOADED", texts[1], StringComparison.Ordinal);
        Assert.Contains("BlobNotFound", texts[2], StringComparison.Ordinal);
        Assert.Contains("404", texts[3], StringComparison.Ordinal);
        foreach (var secret in new[] { S3rverFixture.Secret, AzuriteFixture.AccountKey, "e2e-token-0042" })
        {
            Assert.All(texts, text => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        }
    }

    /// <summary>Every string of a JSON document, unescaped (a JSON writer escapes characters a secret may hold).</summary>
    private static string Strings(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var strings = new List<string>();
        Walk(doc.RootElement);
        return string.Join('\n', strings);

        void Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String:
                    strings.Add(e.GetString()!);
                    break;
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        Walk(p.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in e.EnumerateArray())
                    {
                        Walk(item);
                    }

                    break;
            }
        }
    }

    private async Task<JsonElement> Status(string id)
    {
        await Eventually.Until(
            async () => (await mesh.Rest.GetFromJsonAsync<JsonElement>($"/v1/mesh/models/{id}")).GetProperty("status").GetString() == "LOADING_FAILED",
            TimeSpan.FromSeconds(30), $"{id} is LOADING_FAILED");
        return await mesh.Rest.GetFromJsonAsync<JsonElement>($"/v1/mesh/models/{id}");
    }
}
