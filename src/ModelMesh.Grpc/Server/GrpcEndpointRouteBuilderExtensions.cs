using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ModelMesh.Grpc;

/// <summary>Maps registered gRPC methods onto endpoint routing.</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>Lowest priority, so that any other endpoint with two path segments wins over the catch-all.</summary>
    private const int CatchAllOrder = 1_000_000;

    /// <summary>
    /// Maps every method in <paramref name="registry"/> (POST /pkg.Service/Method), plus a low-priority
    /// POST /{service}/{method} catch-all that serves methods added later and answers unknown ones with
    /// UNIMPLEMENTED (Trailers-Only). A non-application/grpc content type gets HTTP 415.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcMethods(this IEndpointRouteBuilder endpoints, GrpcMethodRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(registry);
        var services = endpoints.ServiceProvider;
        var options = services.GetService<IOptions<GrpcServerOptions>>()?.Value ?? new GrpcServerOptions();
        var timeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("ModelMesh.Grpc.Server") ?? NullLogger.Instance;
        var handler = new UnaryCallHandler(options, timeProvider, logger);

        var builders = new List<IEndpointConventionBuilder>();
        foreach (var invoker in registry.Snapshot())
        {
            var method = invoker;
            builders.Add(endpoints.MapPost(method.FullName, context => handler.HandleAsync(context, method))
                .WithDisplayName("gRPC " + method.FullName));
        }

        builders.Add(endpoints.MapPost("/{grpcService}/{grpcMethod}", context =>
            {
                registry.TryGet(context.Request.Path.Value, out var method);
                return handler.HandleAsync(context, method);
            })
            .WithDisplayName("gRPC catch-all (unimplemented methods)")
            .WithOrder(CatchAllOrder));

        return new CompositeEndpointConventionBuilder(builders);
    }
}
