using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelMesh.Metrics;
using ModelMesh.Placement;
using ModelMesh.Registry;
using ModelMesh.Serving.Grpc;
using ModelMesh.Silo.Mesh;
using ModelMesh.Silo.Mesh.Gpu;
using ModelMesh.Storage;
using ModelMesh.Storage.Config;

namespace ModelMesh.Host.Roles;

/// <summary>
/// A silo: V2 inference, the internal silo service, health and reflection (Grpc.AspNetCore) on one Kestrel HTTP/2 listener. It writes its lease
/// before it listens and drains on stop (<see cref="SiloDrainer"/>).
/// </summary>
public sealed class SiloHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private MetricsServer? _metricsServer;
    private IDisposable? _tracing;

    private SiloHost(WebApplication app, SiloOptions options)
    {
        _app = app;
        Options = options;
    }

    public SiloOptions Options { get; }

    public string SiloId => Options.SiloId;

    public string Address => Options.AdvertiseAddress;

    public IServiceProvider Services => _app.Services;

    public SiloModelCache Cache => _app.Services.GetRequiredService<SiloModelCache>();

    /// <summary>The port of this silo's own /metrics endpoint; null when it has none.</summary>
    public int? MetricsPort => _metricsServer?.Port;

    /// <summary>
    /// Starts a silo; port 0 picks a free one. An empty SiloId or AdvertiseAddress is filled from the port.
    /// <paramref name="metrics"/>: where the silo records (a shared instance in a dev process; a new one otherwise);
    /// <paramref name="metricsPort"/>: serve it on /metrics there (0 = a free port; null = no endpoint);
    /// <paramref name="grpcOptions"/>: message limits (default: the <c>ModelMesh:Grpc</c> settings).
    /// <paramref name="storage"/> and <paramref name="storageConfig"/>: the model cache (its folder CacheDirectory/&lt;silo id&gt;) and credentials.
    /// </summary>
    public static async Task<SiloHost> StartAsync(
        IMeshRegistry registry, SiloOptions options, IPAddress bind, int port, CacheOptions? cache = null,
        Action<ILoggingBuilder>? logging = null, int? metricsPort = null, MeshMetrics? metrics = null, Uri? otlpEndpoint = null,
        StorageOptions? storage = null, StorageConfig? storageConfig = null, GrpcOptions? grpcOptions = null, CancellationToken cancellationToken = default)
    {
        if (port == 0)
        {
            port = FreePort(bind);
        }

        var advertiseHost = bind.Equals(IPAddress.Any) ? Dns.GetHostName() : bind.ToString();
        if (string.IsNullOrEmpty(options.AdvertiseAddress))
        {
            options.AdvertiseAddress = $"{advertiseHost}:{port}";
        }

        if (string.IsNullOrEmpty(options.SiloId))
        {
            options.SiloId = $"silo-{advertiseHost}-{port}";
        }

        if (options.GpuCapacityBytes.Count == 0 && options.DiscoverGpus)
        {
            foreach (var (index, total) in NvmlGpuDiscovery.Discover(out _))
            {
                options.GpuCapacityBytes[index] = (long)(total * (1 - options.GpuMemoryReserveFraction));
            }
        }

        var builder = HostingDefaults.CreateBuilder(logging);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.DrainTimeout + TimeSpan.FromSeconds(15));
        metrics ??= MeshMetrics.Create();
        cache ??= ModelMeshSettings.Bind(new CacheOptions(), CacheOptions.SectionName);
        storage ??= ModelMeshSettings.Bind(new StorageOptions(), StorageOptions.SectionName);
        builder.Services.AddModelMeshSilo(registry, options, cache, metrics: metrics, storage: storage, storageConfig: storageConfig);
        grpcOptions ??= ModelMeshSettings.Bind(new GrpcOptions(), GrpcOptions.SectionName);
        grpcOptions.Validate();
        builder.Services.AddModelMeshGrpc(o => o.MaxMessageBytes = grpcOptions.MaxMessageBytes);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = null;
            k.ListenGrpc(bind, port);
        });
        var app = builder.Build();
        app.MapGrpcService<SiloInferenceGrpcService>();
        app.MapGrpcService<SiloGrpcService>();
        app.MapModelMeshGrpcInfrastructure();

        var host = new SiloHost(app, options) { _tracing = Tracing.Start("modelmesh-silo", otlpEndpoint) };
        try
        {
            await app.StartAsync(cancellationToken);
            await app.Services.GetRequiredService<SiloMembership>().RegisterAsync(cancellationToken);
            if (metricsPort is { } metricsAt)
            {
                host._metricsServer = await MetricsServer.StartAsync(metrics.Registry, metricsAt, anyAddress: !IPAddress.IsLoopback(bind), roleServices: [app.Services], cancellationToken);
            }
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>Graceful stop: drains (hands off recent models, finishes in-flight requests, leaves the registry).</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <summary>Stops without handing models off (the whole cluster is going away).</summary>
    public Task StopWithoutDrainAsync(CancellationToken cancellationToken = default)
    {
        _app.Services.GetRequiredService<SiloRuntimeState>().SkipDrain = true;
        return _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_metricsServer is not null)
        {
            await _metricsServer.DisposeAsync();
        }

        await _app.DisposeAsync();
        _tracing?.Dispose();
    }

    private static int FreePort(IPAddress bind)
    {
        using var listener = new TcpListener(bind, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
