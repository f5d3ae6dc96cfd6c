using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelMesh.Serving.Grpc;
using ModelMesh.Metrics;
using ModelMesh.Onnx;
using ModelMesh.Placement;
using ModelMesh.Registry;
using ModelMesh.Serving;
using ModelMesh.Serving.Statistics;
using ModelMesh.Storage;
using ModelMesh.Storage.Config;

namespace ModelMesh.Silo.Mesh;

/// <summary>DI registration of a mesh silo over a registry.</summary>
public static class SiloServiceCollectionExtensions
{
    public static IServiceCollection AddModelMeshSilo(
        this IServiceCollection services, IMeshRegistry registry, SiloOptions options, CacheOptions? cache = null, OrtRuntimeOptions? runtime = null,
        MeshMetrics? metrics = null, StorageOptions? storage = null, StorageConfig? storageConfig = null)
    {
        options.Validate();
        GlibcAllocator.Configure();
        (cache ??= new CacheOptions()).Validate();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.AddSingleton(registry);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new SiloIdentity(options.SiloId, options.AdvertiseAddress, SiloIdentity.NewEpoch()));
        services.AddSingleton(ProcessOrtRuntime.Get(runtime));
        services.AddSingleton(new CachePolicy(cache));
        services.AddSingleton<SiloRuntimeState>();
        // The silo's model cache is its own folder under the cache root: one process owns a cache folder.
        var fetcherOptions = StorageOptionsValidator.Require((storage ?? new StorageOptions()).ForOwner(options.SiloId));
        services.AddSingleton(sp => new ModelFetcher(
            storageConfig ?? StorageConfig.Empty, fetcherOptions, sp.GetRequiredService<ILogger<ModelFetcher>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ModelLoader>();
        services.AddSingleton<CopyPublisher>();
        services.AddSingleton<SiloModelCache>();
        metrics ??= new MeshMetrics();
        services.AddSingleton(metrics);
        services.AddSingleton(_ => new RunLimiter(options.MaxConcurrentRuns, metrics)); // built by the container: disposed with the silo
        services.AddSingleton<InferenceStatistics>(); // per silo process: counts survive evictions and reloads of copies
        services.AddSingleton<SiloInferenceServer>();
        services.AddSingleton<IInferenceServer>(sp => sp.GetRequiredService<SiloInferenceServer>());
        services.AddSingleton<SiloGrpcService>();
        services.AddSingleton<SiloInferenceGrpcService>();
        services.AddSingleton(new GrpcChannelPool());
        services.AddSingleton<SiloMembership>();
        services.AddHostedService(sp => sp.GetRequiredService<SiloMembership>());
        services.AddSingleton<SiloDrainer>();
        services.AddHostedService(sp => sp.GetRequiredService<SiloDrainer>());
        return services;
    }
}
