using Microsoft.AspNetCore.Builder;

namespace ModelMesh.Grpc;

/// <summary>Applies conventions to every endpoint that <see cref="GrpcEndpointRouteBuilderExtensions.MapGrpcMethods"/> maps.</summary>
internal sealed class CompositeEndpointConventionBuilder(IReadOnlyList<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
{
    public void Add(Action<EndpointBuilder> convention)
    {
        foreach (var builder in builders)
        {
            builder.Add(convention);
        }
    }

    public void Finally(Action<EndpointBuilder> finallyConvention)
    {
        foreach (var builder in builders)
        {
            builder.Finally(finallyConvention);
        }
    }
}
