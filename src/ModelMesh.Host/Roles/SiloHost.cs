using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelMesh.FrontDoor.Grpc;
using ModelMesh.FrontDoor.Routing;
using ModelMesh.Metrics;
using ModelMesh.Orleans.Cache;
using ModelMesh.Orleans.Hosting;
using ModelMesh.Placement;
using ModelMesh.Registry;
using ModelMesh.Serving.Grpc;
using ModelMesh.Silo.Mesh;
using ModelMesh.Silo.Mesh.Gpu;
using ModelMesh.Storage;
using ModelMesh.Storage.Config;

namespace ModelMesh.Host.Roles;

/// <summary>
/// A model silo: an Orleans silo of the mesh holding model copies (grains with their ONNX Runtime sessions) up to its
/// capacity, which also takes V2 and management calls directly on its gRPC port (with health and reflection). It joins
/// the cluster through the registry's membership table and drains on stop (<see cref="Orleans.Drain.SiloDrain"/>).
/// </summary>
public sealed class SiloHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private MetricsServer? _metricsServer;
    private IDisposable? _tracing;

    private SiloHost(WebApplication app, SiloOptions options, MeshClusterOptions cluster)
    {
        _app = app;
        Options = options;
        Cluster = cluster;
    }

    public SiloOptions Options { get; }

    /// <summary>How this silo joined the Orleans cluster (its silo port: <see cref="MeshClusterOptions.SiloPort"/>).</summary>
    public MeshClusterOptions Cluster { get; }

    public string SiloId => Options.SiloId;

    /// <summary>host:port of its gRPC listener (V2, management, health).</summary>
    public string Address => Options.AdvertiseAddress;

    public IServiceProvider Services => _app.Services;

    public SiloCopyCache Cache => MeshMember.Cache(_app.Services);

    /// <summary>The port of this silo's own /metrics endpoint; null when it has none.</summary>
    public int? MetricsPort => _metricsServer?.Port;

    /// <summary>
    /// Starts a silo; port 0 picks a free one. An empty SiloId or AdvertiseAddress is filled from the port.
    /// <paramref name="cluster"/>: how to join (default: the registry is "memory", this silo keeps the membership of a one-process cluster).
    /// <paramref name="metrics"/>: where the silo records (a shared instance in a dev process; a new one otherwise);
    /// <paramref name="metricsPort"/>: serve it on /metrics there (0 = a free port; null = no endpoint);
    /// <paramref name="grpcOptions"/>: message limits (default: the <c>ModelMesh:Grpc</c> settings).
    /// <paramref name="storage"/> and <paramref name="storageConfig"/>: the model cache (its folder CacheDirectory/&lt;silo id&gt;) and credentials.
    /// </summary>
    public static async Task<SiloHost> StartAsync(
        IMeshRegistry registry, SiloOptions options, IPAddress bind, int port, CacheOptions? cache = null,
        Action<ILoggingBuilder>? logging = null, int? metricsPort = null, MeshMetrics? metrics = null, Uri? otlpEndpoint = null,
        StorageOptions? storage = null, StorageConfig? storageConfig = null, GrpcOptions? grpcOptions = null, MeshClusterOptions? cluster = null,
        CancellationToken cancellationToken = default)
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

        cluster ??= new MeshClusterOptions();
        cluster.SiloName = options.SiloId;
        cluster.AdvertiseAddress = AdvertiseIp(bind);
        cluster.ListenOnAnyAddress = bind.Equals(IPAddress.Any);
        var builder = HostingDefaults.CreateBuilder(logging);
        metrics ??= MeshMetrics.Create();
        cache ??= ModelMeshSettings.Bind(new CacheOptions(), CacheOptions.SectionName);
        storage ??= ModelMeshSettings.Bind(new StorageOptions(), StorageOptions.SectionName);
        grpcOptions ??= ModelMeshSettings.Bind(new GrpcOptions(), GrpcOptions.SectionName);
        grpcOptions.Validate();
        MeshMember.Configure(builder, registry, cluster, options, cache, metrics, storage, storageConfig, grpcOptions, bind, port,
            configureFrontDoor: o => o.AccessLog = options.AccessLog);
        var app = builder.Build();
        app.MapFrontDoorGrpc();

        var host = new SiloHost(app, options, cluster) { _tracing = Tracing.Start("modelmesh-silo", otlpEndpoint) };
        try
        {
            await app.Services.GetRequiredService<RegistrationSync>().SyncOnceAsync(cancellationToken);
            await app.StartAsync(cancellationToken);
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

    /// <summary>Graceful stop: drains (hands off recent models, finishes in-flight requests), then leaves the cluster.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <summary>Stops without handing models off (the whole cluster is going away).</summary>
    public Task StopWithoutDrainAsync(CancellationToken cancellationToken = default)
    {
        MeshMember.SkipDrain(_app.Services);
        return _app.StopAsync(cancellationToken);
    }

    /// <summary>
    /// Stops at once, as close to a crash as one process allows: no drain, no graceful grain deactivation (the host is
    /// stopped with an already-cancelled token). Tests use it; a real crash is a kill -9.
    /// </summary>
    public async Task KillAsync()
    {
        MeshMember.SkipDrain(_app.Services);
        try
        {
            await _app.StopAsync(new CancellationToken(canceled: true));
        }
        catch (OperationCanceledException)
        {
            // expected: an abrupt stop
        }
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

    /// <summary>The address other silos reach this one at: the bind address, or this host's first IPv4 address when bound to all.</summary>
    internal static IPAddress AdvertiseIp(IPAddress bind)
    {
        if (!bind.Equals(IPAddress.Any))
        {
            return bind;
        }

        if (Environment.GetEnvironmentVariable("POD_IP") is { Length: > 0 } podIp && IPAddress.TryParse(podIp, out var parsed))
        {
            return parsed;
        }

        return Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Loopback;
    }

    internal static int FreePort(IPAddress bind)
    {
        using var listener = new TcpListener(bind, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
