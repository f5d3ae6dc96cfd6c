namespace ModelMesh.Orleans.Hosting;

/// <summary>The names under which Orleans 10 publishes its meters and activities (from the Orleans source).</summary>
public static class OrleansTelemetry
{
    /// <summary>
    /// Orleans' runtime meter (messaging, catalog/activations, directory, scheduler, gateway, networking, ...), created through
    /// the host's <see cref="System.Diagnostics.Metrics.IMeterFactory"/>; in Prometheus its series start <c>microsoft_orleans_</c>.
    /// </summary>
    public const string MeterName = "Microsoft.Orleans";

    /// <summary>Orleans' activity sources: grain calls (<c>Microsoft.Orleans.Application</c>) and runtime calls (<c>Microsoft.Orleans.Runtime</c>).</summary>
    public static IReadOnlyList<string> ActivitySourceNames { get; } = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime"];
}
