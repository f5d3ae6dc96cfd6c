using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelMesh.FrontDoor;
using ModelMesh.FrontDoor.Grpc;
using ModelMesh.FrontDoor.Management;
using ModelMesh.FrontDoor.Rest;
using ModelMesh.FrontDoor.Routing;
using ModelMesh.Metrics;
using ModelMesh.Orleans.Hosting;
using ModelMesh.Silo.Mesh;
using ModelMesh.Placement;
using ModelMesh.Registry;
using ModelMesh.Serving;
using ModelMesh.Serving.Grpc;
using ModelMesh.Serving.Rest;
using ModelMesh.Storage.Config;

namespace ModelMesh.Host.Roles;

/// <summary>
/// A front door: a member of the mesh's Orleans cluster with no model capacity (so a warm request costs one Orleans hop
/// to the silo holding the copy), with V2 + management gRPC (Grpc.AspNetCore, with health and reflection) on one Kestrel
/// listener (HTTP/2) and V2/V1/management REST on another (HTTP/1.1), both over one router. It reads the registrations
/// before it listens.
/// </summary>
public sealed class FrontDoorHost : IAsyncDisposable
{
    private readonly WebApplication _grpc;
    private readonly WebApplication _rest;
    private MetricsServer? _metricsServer;
    private IDisposable? _modelsManaged;
    private IDisposable? _tracing;

    private FrontDoorHost(WebApplication grpc, WebApplication rest)
    {
        _grpc = grpc;
        _rest = rest;
    }

    public int GrpcPort { get; private set; }

    public int HttpPort { get; private set; }

    public IServiceProvider Services => _grpc.Services;

    /// <summary>The service providers of its two hosts (gRPC and REST): their meters are this role's.</summary>
    internal IReadOnlyList<IServiceProvider> RoleServices => [_grpc.Services, _rest.Services];

    /// <summary>The port of this front door's own /metrics endpoint; null when it has none.</summary>
    public int? MetricsPort => _metricsServer?.Port;

    /// <summary>
    /// Starts a front door. <paramref name="metrics"/>: where it records (a shared instance in a dev process; a new one
    /// otherwise); <paramref name="metricsPort"/>: serve it on /metrics there (0 = a free port; null = no endpoint);
    /// <paramref name="grpcOptions"/>: message limits (default: the <c>ModelMesh:Grpc</c> settings), also the REST body limit.
    /// </summary>
    public static async Task<FrontDoorHost> StartAsync(
        IMeshRegistry registry, IPAddress bind, int grpcPort, int httpPort, Action<FrontDoorOptions>? configure = null,
        Action<ILoggingBuilder>? logging = null, GrpcOptions? grpcOptions = null, int? metricsPort = null, MeshMetrics? metrics = null,
        Uri? otlpEndpoint = null, PlacementOptions? placement = null, StorageConfig? storageConfig = null, MeshClusterOptions? cluster = null,
        CancellationToken cancellationToken = default)
    {
        metrics ??= MeshMetrics.Create();
        placement ??= ModelMeshSettings.Bind(new PlacementOptions(), PlacementOptions.SectionName);
        placement.Validate();
        grpcOptions ??= ModelMeshSettings.Bind(new GrpcOptions(), GrpcOptions.SectionName);
        grpcOptions.Validate();
        var maxMessageBytes = grpcOptions.MaxMessageBytes;
        cluster ??= new MeshClusterOptions();
        if (string.IsNullOrEmpty(cluster.SiloName))
        {
            cluster.SiloName = $"frontdoor-{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId}";
        }

        cluster.AdvertiseAddress = SiloHost.AdvertiseIp(bind);
        cluster.ListenOnAnyAddress = bind.Equals(IPAddress.Any);
        var grpcBuilder = HostingDefaults.CreateBuilder(logging);
        var member = new SiloOptions { SiloId = cluster.SiloName, CpuCapacityBytes = 0, DiscoverGpus = false };
        MeshMember.Configure(grpcBuilder, registry, cluster, member, new CacheOptions(), metrics, storage: null, storageConfig, grpcOptions,
            bind, grpcPort, configureFrontDoor: configure, placement: placement);
        var grpc = grpcBuilder.Build();
        grpc.MapFrontDoorGrpc();

        var restBuilder = HostingDefaults.CreateBuilder(logging);
        restBuilder.Services.AddSingleton(grpc.Services.GetRequiredService<IInferenceServer>());
        restBuilder.Services.AddSingleton(grpc.Services.GetRequiredService<ModelManagement>());
        restBuilder.Services.Configure<RestOptions>(o => o.MaxRequestBodyBytes = maxMessageBytes);
        restBuilder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = maxMessageBytes;
            k.Listen(bind, httpPort, l => l.Protocols = HttpProtocols.Http1);
        });
        var rest = restBuilder.Build();
        if (grpc.Services.GetRequiredService<IOptions<FrontDoorOptions>>().Value.AccessLog)
        {
            rest.UseRestAccessLog();
        }

        rest.MapInferenceRest();
        rest.MapManagementRest();
        rest.MapModelMeshDashboard(grpc.Services); // the Orleans dashboard of the cluster, at /dashboard

        await grpc.Services.GetRequiredService<RegistrationSync>().SyncOnceAsync(cancellationToken);
        var host = new FrontDoorHost(grpc, rest) { _tracing = Tracing.Start("modelmesh-frontdoor", otlpEndpoint) };
        var view = grpc.Services.GetRequiredService<RegistrationView>();
        host._modelsManaged = metrics.AddModelsManaged(() => view.Models.Count());
        try
        {
            await grpc.StartAsync(cancellationToken);
            await rest.StartAsync(cancellationToken);
            if (metricsPort is { } metricsAt)
            {
                host._metricsServer = await MetricsServer.StartAsync(metrics.Registry, metricsAt, anyAddress: !IPAddress.IsLoopback(bind), roleServices: host.RoleServices, cancellationToken);
            }
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        host.GrpcPort = HostingDefaults.BoundPort(grpc);
        host.HttpPort = HostingDefaults.BoundPort(rest);
        return host;
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _rest.StopAsync(cancellationToken);
        await _grpc.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _modelsManaged?.Dispose();
        if (_metricsServer is not null)
        {
            await _metricsServer.DisposeAsync();
        }

        await _rest.DisposeAsync();
        await _grpc.DisposeAsync();
        _tracing?.Dispose();
    }
}
