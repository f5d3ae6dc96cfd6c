using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ModelMesh.Benchmarks.Common;
using ModelMesh.Client;
using ModelMesh.Host.Roles;
using ModelMesh.Placement;
using ModelMesh.Registry;
using ModelMesh.Silo.Mesh;

namespace ModelMesh.Benchmarks.LoadSpread;

/// <summary>
/// An in-process cluster for <c>load-spread</c>: N silos with a given number of loading slots
/// (<see cref="SiloOptions.MaxConcurrentLoads"/>) and one front door on an in-memory registry, real loopback gRPC.
/// <see cref="FrontDoorHost.StartAsync"/> takes no <see cref="PlacementOptions"/>, so the placement mode is set on
/// the front door's own <see cref="PlacementStrategy.Options"/> right after start, before any request (the strategy
/// reads <see cref="PlacementOptions.SpreadConcurrentLoads"/> on every placement).
/// </summary>
public sealed class SpreadCluster : IAsyncDisposable
{
    private readonly IMeshRegistry _registry;
    private readonly List<SiloHost> _silos;
    private readonly FrontDoorHost _frontDoor;

    private SpreadCluster(bool spread, IMeshRegistry registry, List<SiloHost> silos, FrontDoorHost frontDoor, ModelMeshClient client)
    {
        Spread = spread;
        _registry = registry;
        _silos = silos;
        _frontDoor = frontDoor;
        Client = client;
    }

    public bool Spread { get; }

    public string Mode => Spread ? "spread" : "no-spread";

    public ModelMeshClient Client { get; }

    public IReadOnlyList<SiloHost> Silos => _silos;

    public static async Task<SpreadCluster> StartAsync(bool spread, LoadSpreadOptions options, CancellationToken cancellationToken)
    {
        var registry = RegistryFactory.Create("memory");
        await registry.PingAsync(cancellationToken);
        var silos = new List<SiloHost>();
        for (var i = 0; i < options.Silos; i++)
        {
            var siloOptions = new SiloOptions { SiloId = $"silo-{i + 1}", CpuCapacityBytes = options.SiloCapacityBytes, MaxConcurrentLoads = options.LoadSlots };
            silos.Add(await SiloHost.StartAsync(registry, siloOptions, IPAddress.Loopback, 0, logging: QuietLogging.Configure, cancellationToken: cancellationToken));
        }

        var frontDoor = await FrontDoorHost.StartAsync(registry, IPAddress.Loopback, 0, 0, logging: QuietLogging.Configure, cancellationToken: cancellationToken);
        frontDoor.Services.GetRequiredService<ModelMesh.Placement.PlacementStrategy>().Options.SpreadConcurrentLoads = spread;
        var client = ModelMeshClient.Connect($"127.0.0.1:{frontDoor.GrpcPort}", new ModelMeshClientOptions { DefaultTimeout = TimeSpan.FromSeconds(120) });
        return new SpreadCluster(spread, registry, silos, frontDoor, client);
    }

    /// <summary>Loaded copies per silo (in silo order) of the models whose ids start with <paramref name="prefix"/>, from the silos' own caches.</summary>
    public int[] CopiesPerSilo(string prefix) =>
        [.. _silos.Select(s => s.Cache.Copies().Count(c => c.State == CopyState.Loaded && c.ModelId.StartsWith(prefix, StringComparison.Ordinal)))];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _frontDoor.StopAsync();
        await _frontDoor.DisposeAsync();
        foreach (var silo in _silos)
        {
            await silo.StopWithoutDrainAsync();
            await silo.DisposeAsync();
        }

        await _registry.DisposeAsync();
    }
}
