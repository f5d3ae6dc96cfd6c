using Orleans.Dashboard;
using Orleans.Hosting;

namespace ModelMesh.Orleans.Hosting;

public static class DashboardSiloBuilderExtensions
{
    /// <summary>
    /// The Orleans Dashboard's silo side (Microsoft.Orleans.Dashboard's <c>AddDashboard</c>): its grains, the per-silo grain
    /// service and the grain-call profiler. Every silo of the cluster needs it for its numbers to show; the pages and their
    /// data are served by <see cref="DashboardEndpointExtensions.MapModelMeshDashboard"/>. The live log stream
    /// (<c>{path}/Trace</c>) is off unless <paramref name="configure"/> turns it on (the dashboard has no authentication).
    /// </summary>
    public static ISiloBuilder AddModelMeshDashboard(this ISiloBuilder builder, Action<DashboardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddDashboard(options =>
        {
            options.HideTrace = true;
            configure?.Invoke(options);
        });
    }
}
