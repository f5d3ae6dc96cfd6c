using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelMesh.Client;
using ModelMesh.FrontDoor;
using Grpc.Core;
using Grpc.Net.Client;
using ModelMesh.Serving.Grpc;
using ModelMesh.Host.Roles;
using ModelMesh.Onnx;
using ModelMesh.Placement;

using ModelMesh.Orleans.Board;
using IMeshRegistry = ModelMesh.Registry.IMeshRegistry;
using RegistryFactory = ModelMesh.Registry.RegistryFactory;
using ModelMesh.Orleans.Cache;
using ModelMesh.Orleans.Copies;
using ModelMesh.Orleans.Hosting;
using ModelMesh.Silo.Mesh;
using Orleans.Runtime;

namespace ModelMesh.Testing;

/// <summary>
/// A ModelMesh cluster inside the test process: one registry, one front door and N model silos, one Orleans cluster
/// over real loopback TCP (membership kept by the front door, which starts first and is never killed; or in Redis),
/// clients over real loopback gRPC, the real ONNX Runtime. Silos can be started, killed (stopped abruptly: no drain,
/// no graceful deactivation), stopped gracefully (drain) and restarted (same name, a new Orleans generation).
/// </summary>
public sealed partial class TestCluster : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SiloHost> _silos = new(StringComparer.Ordinal);
    private readonly Action<SiloOptions>? _configureSilo;
    private readonly CacheOptions? _cache;
    private int _nextSilo;
    private MeshClusterOptions _membership = new();

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

    /// <summary>The front door's board: every member's capacity publication.</summary>
    public CapacityBoard Board => FrontDoor.Services.GetRequiredService<CapacityBoard>();

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
            var membership = new MeshClusterOptions { Registry = registry, SiloName = "frontdoor" };
            if (membership.UsesRedis)
            {
                membership.ClusterId = "test-" + Guid.NewGuid().ToString("N");
            }

            cluster.FrontDoor = await FrontDoorHost.StartAsync(
                cluster.Registry, IPAddress.Loopback, 0, 0, configureFrontDoor, cluster.Logging("frontdoor"), Grpc, cluster: membership);
            cluster._membership = new MeshClusterOptions
            {
                Registry = registry,
                ClusterId = membership.ClusterId,
                PrimarySiloEndpoint = membership.UsesRedis ? null : membership.SiloEndpoint(),
            };
            for (var i = 0; i < silos; i++)
            {
                await cluster.StartSiloAsync();
            }

            await cluster.WaitForMembersAsync();
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
            DrainTimeout = TimeSpan.FromSeconds(15),
            MaxConcurrentRuns = Math.Max(2, Environment.ProcessorCount),
        };
        _configureSilo?.Invoke(options);
        options.SiloId = id;
        var silo = await SiloHost.StartAsync(Registry, options, IPAddress.Loopback, 0, _cache, Logging(id), grpcOptions: Grpc,
            cluster: new MeshClusterOptions { Registry = _membership.Registry, ClusterId = _membership.ClusterId, PrimarySiloEndpoint = _membership.PrimarySiloEndpoint });
        lock (_gate)
        {
            _silos[id] = silo;
        }

        if (FrontDoor is not null)
        {
            await WaitForMembersAsync();
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

    /// <summary>The silo's Orleans generation: a restarted silo has a new one.</summary>
    public static int EpochOf(SiloHost silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Generation;

    /// <summary>
    /// A crash, as far as one process allows: the silo stops at once, without draining and without graceful grain
    /// deactivation (its host is stopped with an already-cancelled token). The multi-process tests kill -9 real silos.
    /// </summary>
    public async Task KillSiloAsync(string siloId)
    {
        var silo = Take(siloId);
        await silo.KillAsync();
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

    /// <summary>
    /// Loads copies 0..count-1 of the model through the copy grains (as a scale-up would): the placement director puts
    /// each on a different silo.
    /// </summary>
    public async Task LoadCopiesAsync(string modelId, int count)
    {
        var grains = FrontDoor.Services.GetRequiredService<IGrainFactory>();
        for (var n = 0; n < count; n++)
        {
            await grains.GetGrain<IModelCopyGrain>($"{modelId}/{n}").WaitLoadedAsync();
        }
    }

    /// <summary>Waits until the front door's board lists every running silo (placement can use them all).</summary>
    public Task WaitForMembersAsync() =>
        Eventually.Until(() => Silos.All(s => Board.Snapshot().Any(c => c.Name == s.SiloId)), TimeSpan.FromSeconds(30),
            "the front door's board lists every running silo");

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
