using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelMesh.Orleans.Copies;
using ModelMesh.Orleans.Routing;
using ModelMesh.Placement;
using Orleans.Hosting;

namespace ModelMesh.Orleans.Hosting;

public static class ModelCopyRoutingExtensions
{
    /// <summary>
    /// Copy routing and the per-model copy count, after <see cref="ModelCopySiloBuilderExtensions.AddModelCopies"/> on
    /// EVERY silo (model silos host the copy control service and copy count grains; front doors use
    /// <see cref="ModelCopyRouter"/>, a singleton whose load reports run while the silo is active). Scale-up thresholds
    /// and cooldown are <see cref="PlacementOptions"/> (configure them with <c>services.Configure&lt;PlacementOptions&gt;</c>).
    /// </summary>
    public static ISiloBuilder AddModelCopyRouting(this ISiloBuilder builder, Action<CopyRoutingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<CopyRoutingOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<IValidateOptions<CopyRoutingOptions>, CopyRoutingOptionsValidator>();
        services.AddOptions<PlacementOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlacementOptions>, PlacementOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CopyControlClient>();
        builder.AddGrainService<CopyControlService>();
        services.AddSingleton<ModelCopyRouter>();
        services.AddSingleton<CopyLoadReporter>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<CopyLoadReporter>());
        return builder;
    }
}
