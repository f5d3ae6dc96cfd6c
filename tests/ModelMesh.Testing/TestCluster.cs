using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelMesh.Client;
using ModelMesh.FrontDoor;
using ModelMesh.FrontDoor.Routing;
using Grpc.Core;
using Grpc.Net.Client;
using ModelMesh.Serving.Grpc;
using ModelMesh.Host.Roles;
using ModelMesh.Onnx;
using ModelMesh.Placement;
using ModelMesh.Registry;
using ModelMesh.Silo.Mesh;

namespace ModelMesh.Testing;

/// <summary>
/// A ModelMesh cluster inside the test process, in the style of Orleans' InProcTestCluster: one registry,
/// one front door and N silos, all talking over real loopback gRPC with the real ONNX Runtime. Silos can be
/// started, killed (a crash as the registry sees it: no drain and no goodbye, so the lease must expire),
/// stopped gracefully (drain) and restarted (same id, new epoch). Short leases by default
/// (<see cref="DefaultLease"/>, <see cref="DefaultHeartbeat"/>) so membership changes settle in seconds.
/// </summary>
public sealed partial class TestCluster : IAsyncDisposable
{
    public static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan DefaultHeartbeat = TimeSpan.FromMilliseconds(300);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SiloHost> _silos = new(StringComparer.Ordinal);
    private readonly Action<SiloOptions>? _configureSilo;
    private readonly CacheOptions? _cache;
    private int _nextSilo;

    private TestCluster(IMeshRegistry registry, long siloCapacityBytes, Action<SiloOptions>? configureSilo, CacheOptions? cache, string modelsDirectory)
    {
        Registry = registry;
        SiloCapacityBytes = siloCapacityBytes;
        _configureSilo = configureSilo;
        _cache = cache;
        ModelsDirectory = modelsDirectory;
    }

    public IMeshRegistry Registry { get; }

    /// <summary>Message limits of every host: above the 16 MiB default, for the large conv batches some tests send.</summary>
    public static GrpcOptions Grpc { get; } = new() { MaxMessageBytes = 64 * 1024 * 1024 };

    public FrontDoorHost FrontDoor { get; private set; } = null!;

    /// <summary>Management and V2 over gRPC to the front door.</summary>
    public ModelMeshClient Client { get; private set; } = null!;

    /// <summary>V2 gRPC (including the repository extension) to the front door.</summary>
    public MeshV2 V2 { get; private set; } = null!;

    /// <summary>REST (V2, V1, management) to the front door.</summary>
    public HttpClient Http { get; private set; } = null!;

    public ClusterLog Log { get; } = new();

    /// <summary>A temporary folder owned by the cluster (deleted on dispose) for the tests' model files.</summary>
    public string ModelsDirectory { get; }

    public long SiloCapacityBytes { get; }

    /// <summary>The running silos, by id.</summary>
    public IReadOnlyList<SiloHost> Silos
    {
        get
        {
            lock (_gate)
            {
                return [.. _silos.Values.OrderBy(s => s.SiloId, StringComparer.Ordinal)];
            }
        }
    }

    public RoutingTable RoutingTable => FrontDoor.Services.GetRequiredService<RoutingTable>();

    public static async Task<TestCluster> StartAsync(
        int silos,
        long siloCapacityBytes,
        string registry = "memory",
        Action<SiloOptions>? configureSilo = null,
        CacheOptions? cache = null,
        Action<FrontDoorOptions>? configureFrontDoor = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "modelmesh-cluster-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var cluster = new TestCluster(RegistryFactory.Create(registry), siloCapacityBytes, configureSilo, cache, directory);
        try
        {
            await cluster.Registry.PingAsync();
            for (var i = 0; i < silos; i++)
            {
                await cluster.StartSiloAsync();
            }

            cluster.FrontDoor = await FrontDoorHost.StartAsync(
                cluster.Registry, IPAddress.Loopback, 0, 0, configureFrontDoor, cluster.Logging("frontdoor"), Grpc);
            cluster.Client = ModelMeshClient.Connect($"127.0.0.1:{cluster.FrontDoor.GrpcPort}",
                new ModelMeshClientOptions { DefaultTimeout = TimeSpan.FromSeconds(60) });
            cluster.V2 = new MeshV2(GrpcChannelPool.Create($"127.0.0.1:{cluster.FrontDoor.GrpcPort}", Grpc.MaxMessageBytes));
            cluster.Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{cluster.FrontDoor.HttpPort}"), Timeout = TimeSpan.FromSeconds(60) };
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a silo (a fresh epoch); <paramref name="siloId"/> defaults to the next "silo-N".</summary>
    public async Task<SiloHost> StartSiloAsync(string? siloId = null)
    {
        var id = siloId ?? $"silo-{Interlocked.Increment(ref _nextSilo)}";
        var options = new SiloOptions
        {
            SiloId = id,
            CpuCapacityBytes = SiloCapacityBytes,
            LeaseDuration = DefaultLease,
            HeartbeatInterval = DefaultHeartbeat,
            DrainTimeout = TimeSpan.FromSeconds(15),
            MaxConcurrentRuns = Math.Max(2, Environment.ProcessorCount),
        };
        _configureSilo?.Invoke(options);
        options.SiloId = id;
        var silo = await SiloHost.StartAsync(Registry, options, IPAddress.Loopback, 0, _cache, Logging(id), grpcOptions: Grpc);
        lock (_gate)
        {
            _silos[id] = silo;
        }

        return silo;
    }

    public SiloHost Silo(string siloId)
    {
        lock (_gate)
        {
            return _silos.TryGetValue(siloId, out var silo) ? silo : throw new KeyNotFoundException($"no running silo '{siloId}'");
        }
    }

    public static long EpochOf(SiloHost silo) => silo.Services.GetRequiredService<SiloIdentity>().Epoch;

    /// <summary>
    /// A crash as the registry sees it: the silo stops serving at once, without draining and without removing
    /// its lease or copy records, so front doors learn of the death only when the lease expires.
    /// </summary>
    public async Task KillSiloAsync(string siloId)
    {
        var silo = Take(siloId);
        await silo.StopWithoutDrainAsync();
        await silo.DisposeAsync();
    }

    /// <summary>SIGTERM: the silo drains (hands off recent models, finishes in-flight requests) and leaves the registry.</summary>
    public async Task StopSiloGracefullyAsync(string siloId)
    {
        var silo = Take(siloId);
        await silo.StopAsync();
        await silo.DisposeAsync();
    }

    /// <summary>Kills the silo and starts it again under the same id: a new epoch, an empty cache.</summary>
    public async Task<SiloHost> RestartSiloAsync(string siloId)
    {
        await KillSiloAsync(siloId);
        return await StartSiloAsync(siloId);
    }

    /// <summary>The running silos that hold a copy of the model in the given state (from the silos' own caches).</summary>
    public IReadOnlyList<SiloHost> SilosHolding(string modelId, CopyState state = CopyState.Loaded) =>
        [.. Silos.Where(s => s.Cache.Copies().Any(c => c.ModelId == modelId && c.State == state))];

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        V2?.Dispose();
        Client?.Dispose();
        if (FrontDoor is not null)
        {
            await FrontDoor.StopAsync();
            await FrontDoor.DisposeAsync();
        }

        foreach (var silo in Silos)
        {
            try
            {
                await silo.StopWithoutDrainAsync();
            }
            finally
            {
                await silo.DisposeAsync();
            }
        }

        await Registry.DisposeAsync();
        try
        {
            Directory.Delete(ModelsDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private SiloHost Take(string siloId)
    {
        lock (_gate)
        {
            return _silos.Remove(siloId, out var silo) ? silo : throw new KeyNotFoundException($"no running silo '{siloId}'");
        }
    }

    private Action<ILoggingBuilder> Logging(string member) => builder =>
    {
        builder.ClearProviders();
        builder.SetMinimumLevel(LogLevel.Debug);
        builder.AddProvider(Log.ProviderFor(member));
    };
}
