using Microsoft.Extensions.DependencyInjection;
using ModelMesh.Onnx;
using ModelMesh.Serving;
using ModelMesh.Serving.Statistics;
using ModelMesh.Silo.Repository;

namespace ModelMesh.Silo;

/// <summary>DI registration of a single node's data plane: ONNX runtime, local repository, run limiter, V2 server.</summary>
public static class NodeServiceCollectionExtensions
{
    public static IServiceCollection AddModelMeshNode(
        this IServiceCollection services, Action<ModelRepositoryOptions> configureRepository, OrtRuntimeOptions? runtimeOptions = null)
    {
        services.AddOptions<ModelRepositoryOptions>()
            .Configure(configureRepository)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ModelsDirectory), "ModelsDirectory is required")
            .Validate(o => o.MaxConcurrentRuns > 0, "MaxConcurrentRuns must be positive")
            .ValidateOnStart();
        // Registered as an instance so the container never disposes the process-wide runtime.
        services.AddSingleton(ProcessOrtRuntime.Get(runtimeOptions));
        services.AddSingleton<LocalModelRepository>();
        services.AddSingleton(sp => new RunLimiter(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ModelRepositoryOptions>>().Value.MaxConcurrentRuns));
        services.AddSingleton(sp => new InferenceStatistics(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<LocalInferenceServer>();
        services.AddSingleton<IInferenceServer>(sp => sp.GetRequiredService<LocalInferenceServer>());
        return services;
    }
}
