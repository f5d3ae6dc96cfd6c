using ModelMesh.Serving.Tracing;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ModelMesh.Host.Roles;

/// <summary>
/// OpenTelemetry tracing for a role: off unless an OTLP endpoint is given (<c>--otlp-endpoint</c>) or
/// OTEL_EXPORTER_OTLP_ENDPOINT is set. Off means no listener on the ModelMesh sources: spans are never created.
/// Spans go out over OTLP/HTTP protobuf to <c>{endpoint}/v1/traces</c>; disposing the provider flushes them.
/// </summary>
public static class Tracing
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The endpoint to export to: the given one, else the environment's, else null (tracing off).</summary>
    public static Uri? ResolveEndpoint(Uri? endpoint)
    {
        if (endpoint is not null)
        {
            return endpoint;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EndpointVariable);
        return Uri.TryCreate(fromEnvironment, UriKind.Absolute, out var parsed) ? parsed : null;
    }

    /// <summary>A tracer provider exporting both ModelMesh sources to <paramref name="endpoint"/>, or null when it is null (off).</summary>
    public static TracerProvider? Start(string serviceName, Uri? endpoint, TimeSpan? exportDelay = null)
    {
        if (endpoint is not { } resolved)
        {
            return null;
        }

        var traces = resolved.AbsolutePath is "" or "/" ? new Uri(resolved, "/v1/traces") : resolved;
        return Sdk.CreateTracerProviderBuilder()
            .AddSource(ModelMeshActivitySources.FrontDoorName, ModelMeshActivitySources.SiloName)
            .AddSource([.. ModelMesh.Orleans.Hosting.OrleansTelemetry.ActivitySourceNames])
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(serviceName))
            .AddOtlpExporter(o =>
            {
                o.Endpoint = traces;
                o.Protocol = OtlpExportProtocol.HttpProtobuf;
                if (exportDelay is { } delay)
                {
                    o.BatchExportProcessorOptions.ScheduledDelayMilliseconds = (int)delay.TotalMilliseconds;
                }
            })
            .Build();
    }
}
