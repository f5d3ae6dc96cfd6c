using System.Diagnostics;

namespace ModelMesh.Serving.Tracing;

/// <summary>
/// The activity sources ModelMesh traces with. Nothing is recorded unless a listener (the host's OpenTelemetry
/// tracer provider, on with <c>--otlp-endpoint</c>) subscribes: StartActivity returns null otherwise.
/// </summary>
public static class ModelMeshActivitySources
{
    public const string FrontDoorName = "ModelMesh.FrontDoor";
    public const string SiloName = "ModelMesh.Silo";

    public static readonly ActivitySource FrontDoor = new(FrontDoorName);
    public static readonly ActivitySource Silo = new(SiloName);

    /// <summary>Starts a server span under the caller's W3C <c>traceparent</c>/<c>tracestate</c> when one is valid.</summary>
    public static Activity? StartServer(ActivitySource source, string name, string? traceparent, string? tracestate)
    {
        if (!source.HasListeners())
        {
            return null;
        }

        ActivityContext.TryParse(traceparent, tracestate, out var parent);
        return source.StartActivity(name, ActivityKind.Server, parent);
    }
}
