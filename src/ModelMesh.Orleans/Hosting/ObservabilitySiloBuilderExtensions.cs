using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;

namespace ModelMesh.Orleans.Hosting;

public static class ObservabilitySiloBuilderExtensions
{
    /// <summary>
    /// Traces cross grain calls: Orleans' <c>AddActivityPropagation</c> (the caller's <see cref="System.Diagnostics.Activity"/>
    /// travels in the message and the grain-side activity is its child, same trace id). Activities are only created while
    /// something listens to <see cref="OrleansTelemetry.ActivitySourceNames"/> (add them to the tracer provider). Orleans'
    /// meters (<see cref="OrleansTelemetry.MeterName"/>) need nothing here: they are created through the silo host's
    /// <see cref="System.Diagnostics.Metrics.IMeterFactory"/>, so a /metrics endpoint given the host's services publishes them.
    /// Calling this twice adds the filters once.
    /// </summary>
    public static ISiloBuilder AddModelMeshObservability(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(s => s.ServiceType == typeof(ObservabilityMarker)))
        {
            return builder;
        }

        builder.Services.TryAddSingleton<ObservabilityMarker>();
        return builder.AddActivityPropagation();
    }

    private sealed class ObservabilityMarker;
}
