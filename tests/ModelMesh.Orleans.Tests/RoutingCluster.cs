using Orleans.Concurrency;
using Microsoft.Extensions.DependencyInjection;
using ModelMesh.Orleans.Cache;
using ModelMesh.Orleans.Hosting;
using ModelMesh.Orleans.Routing;
using ModelMesh.Placement;

namespace ModelMesh.Orleans.Tests;

/// <summary>
/// A <see cref="CopyCluster"/> whose silo 0 is a front door (a member with no model capacity) using <see cref="ModelCopyRouter"/>,
/// and <paramref name="modelSilos"/> model silos; every silo runs copy routing and the copy count grains.
/// </summary>
internal static class RoutingCluster
{
    public static Task<CopyCluster> StartAsync(int modelSilos, Action<CopyRoutingOptions>? routing = null, Action<PlacementOptions>? placement = null)
    {
        var silos = new Action<CopyCacheOptions>[modelSilos + 1];
        silos[0] = o => o.CpuCapacityBytes = 0;
        for (var i = 1; i <= modelSilos; i++)
        {
            silos[i] = _ => { };
        }

        // Membership a crashed silo cannot write to: KillAsync then behaves as a kill -9 does.
        return CopyCluster.StartAsync(
            (host, silo, _) =>
            {
                CrashableMembership.Install(host);
                silo.AddModelCopyRouting(routing);
                if (placement is not null)
                {
                    silo.Services.Configure(placement);
                }
            },
            silos);
    }

    /// <summary>Kills silo <paramref name="index"/> as kill -9 would: no goodbye in membership, its connections gone.</summary>
    public static async Task KillAsync(this CopyCluster mesh, int index)
    {
        var silo = mesh.Silos[index];
        mesh.Service<CrashableMembership>(index).Crash();
        await mesh.Cluster.KillSiloAsync(silo);
    }

    public static Immutable<byte[]> Request(string model) => new(Inference.SimpleRequest(model).ToByteArray());

    public static DateTime In(TimeSpan timeout) => DateTime.UtcNow + timeout;

    /// <summary>Silos (by index) whose cache holds a copy of <paramref name="model"/>, with the copy numbers.</summary>
    public static List<(int Silo, int Copy)> Holders(this CopyCluster mesh, string model) =>
        [.. mesh.Silos.Select((_, i) => i).SelectMany(i => mesh.Cache(i).Copies().Where(c => c.ModelId == model).Select(c => (i, c.Key.Copy)))];
}
