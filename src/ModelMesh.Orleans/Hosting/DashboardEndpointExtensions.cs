using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;

namespace ModelMesh.Orleans.Hosting;

public static class DashboardEndpointExtensions
{
    /// <summary>
    /// Serves the Orleans Dashboard (pages and the JSON its script polls: <c>{path}/DashboardCounters</c>,
    /// <c>{path}/ClusterStats</c>, ...) from a web application that is not the silo's own host, e.g. the front door's REST
    /// application, using the silo host's services (<paramref name="siloServices"/>, a silo built with
    /// <see cref="DashboardSiloBuilderExtensions.AddModelMeshDashboard"/>).
    /// <para>
    /// How: <c>MapOrleansDashboard</c> reads its asset provider from the route builder's services when it maps, and its
    /// handlers take the dashboard client (internal types of the package) from <c>HttpContext.RequestServices</c>. So the
    /// endpoints are mapped through a route builder that offers the silo's services, and each dashboard request runs with
    /// <c>RequestServices</c> set to a scope of the silo's container (restored afterwards). Nothing is registered in the web
    /// application's container. No authentication: chain <c>RequireAuthorization()</c> on the result if the port is exposed.
    /// </para>
    /// </summary>
    public static RouteGroupBuilder MapModelMeshDashboard(this IEndpointRouteBuilder endpoints, IServiceProvider siloServices, string path = "/dashboard")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(siloServices);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var group = new SiloServicesRouteBuilder(endpoints, siloServices).MapOrleansDashboard(path);
        ((IEndpointConventionBuilder)group).Add(endpoint =>
        {
            var handler = endpoint.RequestDelegate;
            if (handler is null)
            {
                return;
            }

            endpoint.RequestDelegate = async context =>
            {
                var original = context.RequestServices;
                await using var scope = siloServices.CreateAsyncScope();
                context.RequestServices = scope.ServiceProvider;
                try
                {
                    await handler(context).ConfigureAwait(false);
                }
                finally
                {
                    context.RequestServices = original;
                }
            };
        });
        return group;
    }
}
