using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModelMesh.Host.Roles;
using ModelMesh.Onnx;
using ModelMesh.Storage;
using ModelMesh.Storage.Config;
using ModelMesh.Testing.Ports;

namespace ModelMesh.Kubernetes.Tests.Controller;

/// <summary>
/// An in-process dev mesh (front door + silo, real ONNX Runtime) whose storage config (what its pods would mount) has
/// an <c>http</c> entry <see cref="Key"/>, and a real HTTP server (Kestrel) holding the sample mlp at <see cref="ModelUri"/>.
/// </summary>
public sealed class StorageMeshFixture : IAsyncLifetime
{
    public const string Key = "web";

    /// <summary>The mesh's own credential for <see cref="Key"/> (sent by the silo when it downloads).</summary>
    public const string MeshToken = "Bearer mesh-http-token-7781";

    private readonly string _cache = Directory.CreateTempSubdirectory("mm-k8s-cache-").FullName;
    private WebApplication _http = null!;

    public DevCluster Cluster { get; private set; } = null!;

    public string Endpoint => $"127.0.0.1:{Cluster.FrontDoor.GrpcPort}";

    public string ModelUri { get; private set; } = "";

    /// <summary>Authorization headers of the model downloads, in order.</summary>
    public IReadOnlyList<string> Authorizations => [.. _authorizations];

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _authorizations = new();

    public async Task InitializeAsync()
    {
        var mlp = SampleModels.Build(SampleModels.Mlp);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{ListenPort.Next()}");
        _http = builder.Build();
        _http.MapGet("/models/mlp.onnx", (HttpContext context) =>
        {
            _authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            return Results.Bytes(mlp, "application/octet-stream");
        });
        await _http.StartAsync();
        ModelUri = new Uri(new Uri(_http.Urls.First()), "/models/mlp.onnx").AbsoluteUri;
        Cluster = await DevCluster.StartAsync(new DevClusterOptions
        {
            Silos = 1,
            GrpcPort = 0,
            HttpPort = 0,
            MetricsPort = null,
            Storage = new StorageOptions { CacheDirectory = _cache, RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero },
            StorageConfig = StorageConfig.FromEntries(new HttpStorageEntry(Key) { Headers = new Dictionary<string, IReadOnlyList<string>> { ["Authorization"] = [MeshToken] } }),
        });
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await _http.StopAsync();
        await _http.DisposeAsync();
        Directory.Delete(_cache, recursive: true);
    }
}
