using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace ModelMesh.Orleans.Hosting;

/// <summary>
/// An <see cref="IEndpointRouteBuilder"/> that adds endpoints to another one (a web application's) but offers a silo host's
/// services while they are built: what Microsoft.Orleans.Dashboard's <c>MapOrleansDashboard</c> resolves at mapping time
/// lives in the silo's container, not the web application's.
/// </summary>
internal sealed class SiloServicesRouteBuilder(IEndpointRouteBuilder inner, IServiceProvider siloServices) : IEndpointRouteBuilder
{
    public IServiceProvider ServiceProvider => siloServices;

    public ICollection<EndpointDataSource> DataSources => inner.DataSources;

    public IApplicationBuilder CreateApplicationBuilder() => inner.CreateApplicationBuilder();
}
