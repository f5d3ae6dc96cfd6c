using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelMesh.FrontDoor.Grpc;
using ModelMesh.FrontDoor.Management;
using ModelMesh.FrontDoor.Routing;
using Grpc.Core;
using Grpc.AspNetCore.Server.Model;
using ModelMesh.FrontDoor.Statistics;
using ModelMesh.Metrics;
using ModelMesh.Orleans.Registrations;
using ModelMesh.Orleans.Routing;
using ModelMesh.Placement;
using ModelMesh.Registry;
using ModelMesh.Serving;
using ModelMesh.Serving.Grpc;
using ModelMesh.Storage.Config;

namespace ModelMesh.FrontDoor;

/// <summary>
/// DI registration of the serving front end (V2 and management over the copy grains) on a host that is also an Orleans
/// silo of the mesh (a front door with no model capacity, or a model silo taking V2 directly).
/// </summary>
public static class FrontDoorServiceCollectionExtensions
{
    public static IServiceCollection AddModelMeshFrontDoor(
        this IServiceCollection services, IMeshRegistry registry, Action<FrontDoorOptions>? configure = null,
        int maxMessageBytes = 16 * 1024 * 1024, PlacementOptions? placement = null, MeshMetrics? metrics = null)
    {
        services.AddOptions<FrontDoorOptions>().Configure(o => configure?.Invoke(o));
        services.AddSingleton(registry);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(metrics ?? new MeshMetrics());
        services.AddSingleton(sp =>
        {
            // Copies of a model that leaves the registrations are unloaded here, whoever unregistered it.
            var view = new RegistrationView();
            var cache = sp.GetRequiredService<Orleans.Cache.SiloCopyCache>();
            view.ModelRemoved += id => cache.UnloadModel(id);
            return view;
        });
        services.AddSingleton<IModelRegistrations, ViewRegistrations>();
        services.AddSingleton(new ScaleUpPolicy(placement ?? new PlacementOptions()));
        services.AddSingleton<ServedCopies>();
        services.AddSingleton<CopyBoardView>();
        services.AddSingleton<InferenceRouter>();
        services.TryAddSingleton(StorageConfig.Empty); // the role adds its --storage-config first
        services.AddSingleton<ModelManagement>();
        services.AddSingleton<MeshStatistics>();
        services.AddSingleton<MeshInferenceServer>();
        services.AddSingleton<IInferenceServer>(sp => sp.GetRequiredService<MeshInferenceServer>());
        services.AddSingleton<ManagementGrpcService>();
        services.AddSingleton<FrontDoorGrpcService>();
        services.AddSingleton<FrontDoorInferenceGrpcService>();
        services.AddSingleton<IServiceMethodProvider<FrontDoorGrpcService>, RawInferMethodProvider>();
        services.AddSingleton<RegistrationSync>();
        services.AddHostedService(sp => sp.GetRequiredService<RegistrationSync>());
        return services;
    }
}
