using System.Net;
using Microsoft.Extensions.Logging;
using ModelMesh.Contracts.Management;
using ModelMesh.FrontDoor.Management;
using ModelMesh.Metrics;
using ModelMesh.Orleans.Hosting;
using ModelMesh.Placement;
using ModelMesh.Registry;
using ModelMesh.Silo.Mesh;
using ModelMesh.Silo.Repository;
using Microsoft.Extensions.DependencyInjection;

namespace ModelMesh.Host.Roles;

/// <summary>
/// <c>modelmesh dev</c>: a front door and N model silos in one process, one Orleans cluster over real loopback TCP
/// (membership kept by the first silo, or in Redis), on the embedded in-memory registry (or Redis), with every model of
/// a folder registered. The laptop path is the production path.
/// </summary>
public sealed class DevCluster : IAsyncDisposable
{
    private readonly List<SiloHost> _silos = [];
    private MetricsServer? _metricsServer;
    private IDisposable? _tracing;

    private DevCluster(IMeshRegistry registry, FrontDoorHost frontDoor)
    {
        Registry = registry;
        FrontDoor = frontDoor;
    }

    public IMeshRegistry Registry { get; }

    public FrontDoorHost FrontDoor { get; }

    public IReadOnlyList<SiloHost> Silos => _silos;

    /// <summary>Where the front door and every silo of this process record.</summary>
    public MeshMetrics Metrics { get; private set; } = null!;

    /// <summary>The port of the process's /metrics endpoint; null when <see cref="DevClusterOptions.MetricsPort"/> is.</summary>
    public int? MetricsPort => _metricsServer?.Port;

    public static async Task<DevCluster> StartAsync(DevClusterOptions options, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        var tracing = Tracing.Start("modelmesh-dev", options.OtlpEndpoint, options.TraceExportDelay);
        var registry = RegistryFactory.Create(options.Registry);
        await registry.PingAsync(cancellationToken);
        var metrics = MeshMetrics.Create(new MeshMetricsOptions { PerModel = options.PerModelMetrics });
        var silos = new List<SiloHost>();
        IPEndPoint? primary = null;
        for (var i = 0; i < options.Silos; i++)
        {
            var silo = await SiloHost.StartAsync(
                registry,
                new SiloOptions { SiloId = $"silo-{i + 1}", CpuCapacityBytes = options.SiloCapacityBytes },
                IPAddress.Loopback, 0, options.Cache, logging, metrics: metrics, storage: options.Storage, storageConfig: options.StorageConfig,
                cluster: new MeshClusterOptions { Registry = options.Registry, PrimarySiloEndpoint = primary },
                cancellationToken: cancellationToken);
            primary ??= silo.Cluster.SiloEndpoint();
            silos.Add(silo);
        }

        var frontDoor = await FrontDoorHost.StartAsync(registry, options.BindAddress, options.GrpcPort, options.HttpPort, logging: logging, metrics: metrics,
            storageConfig: options.StorageConfig,
            cluster: new MeshClusterOptions { Registry = options.Registry, SiloName = "frontdoor", PrimarySiloEndpoint = primary },
            cancellationToken: cancellationToken);
        var cluster = new DevCluster(registry, frontDoor) { Metrics = metrics, _tracing = tracing };
        cluster._silos.AddRange(silos);
        if (options.MetricsPort is { } metricsPort)
        {
            var roles = frontDoor.RoleServices.Concat(silos.Select(s => s.Services));
            cluster._metricsServer = await MetricsServer.StartAsync(metrics.Registry, metricsPort, anyAddress: !IPAddress.IsLoopback(options.BindAddress), roleServices: roles, cancellationToken);
        }

        if (options.ModelsDirectory is { } directory)
        {
            await cluster.RegisterDirectoryAsync(directory, cancellationToken);
        }

        return cluster;
    }

    /// <summary>
    /// Registers every model of a folder: <c>name</c> for the highest version and <c>name:N</c> for each other
    /// version, so V2 requests naming a version reach it.
    /// </summary>
    public async Task<IReadOnlyList<string>> RegisterDirectoryAsync(string directory, CancellationToken cancellationToken)
    {
        var management = FrontDoor.Services.GetRequiredService<ModelManagement>();
        var registered = new List<string>();
        foreach (var (name, versions) in ModelDirectoryScanner.Scan(directory))
        {
            var highest = versions.Keys.Max();
            foreach (var (version, path) in versions)
            {
                var id = version == highest ? name : $"{name}:{version}";
                var info = new ModelInfo { StorageUri = new Uri(path).AbsoluteUri, Format = "onnx", Version = version.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                await management.RegisterAsync(id, info, loadNow: false, sync: false, cancellationToken);
                registered.Add(id);
            }
        }

        return registered;
    }

    public async ValueTask DisposeAsync()
    {
        if (_metricsServer is not null)
        {
            await _metricsServer.DisposeAsync();
        }

        await FrontDoor.StopAsync();
        await FrontDoor.DisposeAsync();
        foreach (var silo in _silos)
        {
            await silo.StopWithoutDrainAsync();
            await silo.DisposeAsync();
        }

        await Registry.DisposeAsync();
        _tracing?.Dispose();
    }
}
