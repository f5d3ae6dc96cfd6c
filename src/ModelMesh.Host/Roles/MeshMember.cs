using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelMesh.FrontDoor;
using ModelMesh.Metrics;
using ModelMesh.Orleans.Cache;
using ModelMesh.Orleans.Drain;
using ModelMesh.Orleans.Hosting;
using ModelMesh.Placement;
using ModelMesh.Registry;
using ModelMesh.Serving.Grpc;
using ModelMesh.Silo;
using ModelMesh.Silo.Mesh;
using ModelMesh.Storage;
using ModelMesh.Storage.Config;

namespace ModelMesh.Host.Roles;

/// <summary>
/// Makes a role's host a member of the mesh: an Orleans silo of the mesh's cluster (docs/orleans.md) with the copy grains,
/// the placement director, the capacity board and the drain, plus the serving front end (V2 and management over the copy
/// grains) on a gRPC listener. A model silo has capacity; a front door has none (it places copies, never holds one).
/// </summary>
internal static class MeshMember
{
    public static void Configure(
        WebApplicationBuilder builder, IMeshRegistry registry, MeshClusterOptions cluster, SiloOptions silo, CacheOptions cache,
        MeshMetrics metrics, StorageOptions? storage, StorageConfig? storageConfig, GrpcOptions grpcOptions, IPAddress bind, int grpcPort,
        Action<FrontDoorOptions>? configureFrontDoor = null, PlacementOptions? placement = null)
    {
        var services = builder.Services;
        services.AddSingleton(storageConfig ?? StorageConfig.Empty); // storage keys are checked at registration
        var fetcherOptions = StorageOptionsValidator.Require((storage ?? new StorageOptions()).ForOwner(cluster.SiloName));
        services.AddSingleton(sp => new ModelFetcher(
            storageConfig ?? StorageConfig.Empty, fetcherOptions, sp.GetRequiredService<ILogger<ModelFetcher>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ModelLoader(ProcessOrtRuntime.Get(), Options.Create(silo), sp.GetRequiredService<ModelFetcher>()));
        services.AddSingleton(_ => new RunLimiter(Math.Max(1, silo.MaxConcurrentRuns), metrics)); // request queue delay in /metrics
        services.Configure<SiloDrainOptions>(o =>
        {
            o.Timeout = silo.DrainTimeout;
            o.RecentUseWindow = silo.DrainRecentUseWindow;
        });
        services.Configure<HostOptions>(o => o.ShutdownTimeout = silo.DrainTimeout + TimeSpan.FromSeconds(15));
        if (placement is not null)
        {
            services.AddSingleton(Options.Create(placement)); // scale-up thresholds and cooldown of the copy count grains
        }

        builder.UseOrleans(orleans => orleans
            .UseModelMeshCluster(cluster)
            .AddModelMeshObservability()
            .AddModelMeshDashboard()
            .AddModelCopies(o =>
            {
                o.CpuCapacityBytes = silo.CpuCapacityBytes;
                o.GpuCapacityBytes = silo.GpuCapacityBytes;
                o.MaxConcurrentLoads = silo.MaxConcurrentLoads;
                o.MaxConcurrentRuns = silo.MaxConcurrentRuns;
                o.ChurnGuard = cache.ChurnGuard;
                o.LoadTimeout = cache.LoadTimeout;
                o.Admission = cache.Admission;
                o.AccessLog = silo.AccessLog;
                o.FrequencyWindow = cache.FrequencyWindow;
            })
            .AddModelCopyRouting());
        services.AddModelMeshFrontDoor(registry, o =>
        {
            ModelMeshSettings.Bind(o, FrontDoorOptions.SectionName);
            configureFrontDoor?.Invoke(o);
        }, grpcOptions.MaxMessageBytes, placement, metrics);
        services.AddModelMeshGrpc(o => o.MaxMessageBytes = grpcOptions.MaxMessageBytes);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = null;
            k.ListenGrpc(bind, grpcPort);
        });
    }

    /// <summary>Leaves without handing models off (the whole cluster is going away).</summary>
    public static void SkipDrain(IServiceProvider services) => services.GetRequiredService<IOptions<SiloDrainOptions>>().Value.Skip = true;

    /// <summary>The copy cache of the member's Orleans silo.</summary>
    public static SiloCopyCache Cache(IServiceProvider services) => services.GetRequiredService<SiloCopyCache>();
}
