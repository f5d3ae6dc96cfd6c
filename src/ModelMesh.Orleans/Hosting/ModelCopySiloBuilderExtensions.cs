using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelMesh.Orleans.Board;
using ModelMesh.Orleans.Cache;
using ModelMesh.Orleans.Drain;
using ModelMesh.Orleans.Placement;
using ModelMesh.Serving.Statistics;
using ModelMesh.Silo;
using ModelMesh.Silo.Mesh;
using Orleans.Hosting;

namespace ModelMesh.Orleans.Hosting;

public static class ModelCopySiloBuilderExtensions
{
    /// <summary>
    /// Makes this silo a member of the model mesh: the copy grains' placement director, the silo's copy cache, and the
    /// capacity board service that publishes to (and hears from) every other silo. Every silo of the cluster needs this,
    /// front doors included (zero capacity: they place copies, never hold one). The host registers
    /// <see cref="Registrations.IModelRegistrations"/>.
    /// </summary>
    public static ISiloBuilder AddModelCopies(this ISiloBuilder builder, Action<CopyCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<CopyCacheOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<IValidateOptions<CopyCacheOptions>, CopyCacheOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new ModelLoader(ProcessOrtRuntime.Get(), Options.Create(new SiloOptions())));
        services.TryAddSingleton(sp => new RunLimiter(sp.GetRequiredService<IOptions<CopyCacheOptions>>().Value.MaxConcurrentRuns));
        services.TryAddSingleton(sp => new InferenceStatistics(sp.GetRequiredService<TimeProvider>())); // per process: survives evictions
        services.AddSingleton<SiloCopyCache>();
        services.AddSingleton<CapacityBoard>();
        services.AddSingleton<CapacityBoardClient>();
        builder.AddGrainService<CapacityBoardService>();
        builder.AddPlacementDirector<ModelCopyPlacement, ModelCopyPlacementDirector>();
        services.AddOptions<SiloDrainOptions>();
        services.AddSingleton<SiloDrain>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloDrain>());
        return builder;
    }
}
