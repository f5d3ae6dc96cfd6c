using System.Net;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelMesh.Contracts.Inference;

namespace ModelMesh.Serving.Grpc;

/// <summary>
/// Grpc.AspNetCore set up the same way in every role: message limits from <see cref="GrpcOptions"/>, gzip request
/// compression (the library's default provider), <c>grpc.health.v1.Health</c> over <see cref="ServingHealthCheck"/>
/// and server reflection (<c>grpcurl list</c> without a proto file).
/// </summary>
public static class GrpcHostingExtensions
{
    private const int MinConnectionWindow = 4 * 1024 * 1024;
    private const int MinStreamWindow = 2 * 1024 * 1024;

    public static IServiceCollection AddModelMeshGrpc(this IServiceCollection services, Action<GrpcOptions>? configure = null)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrpcOptions>, GrpcOptionsValidator>());
        services.AddOptions<GrpcOptions>().Configure(o => configure?.Invoke(o)).ValidateOnStart();
        services.AddGrpc();
        services.AddOptions<GrpcServiceOptions>().Configure<IOptions<GrpcOptions>>((grpc, options) =>
        {
            grpc.MaxReceiveMessageSize = options.Value.MaxMessageBytes;
            grpc.MaxSendMessageSize = options.Value.MaxMessageBytes;
        });
        services.AddGrpcHealthChecks(o => o.Services.Map(GRPCInferenceService.Descriptor.FullName, _ => true))
            .AddCheck<ServingHealthCheck>(ServingHealthCheck.Name);
        services.AddGrpcReflection();
        return services;
    }

    /// <summary>Maps the health and reflection services next to the role's own.</summary>
    public static IEndpointRouteBuilder MapModelMeshGrpcInfrastructure(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcHealthChecksService();
        endpoints.MapGrpcReflectionService();
        return endpoints;
    }

    /// <summary>
    /// Listens for gRPC with cleartext HTTP/2 (prior knowledge). Also widens Kestrel's HTTP/2 flow-control windows
    /// (never narrows them) so that large tensors stream without stalls.
    /// </summary>
    public static void ListenGrpc(this KestrelServerOptions options, IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(options);
        var http2 = options.Limits.Http2;
        http2.InitialConnectionWindowSize = Math.Max(http2.InitialConnectionWindowSize, MinConnectionWindow);
        http2.InitialStreamWindowSize = Math.Max(http2.InitialStreamWindowSize, MinStreamWindow);
        options.Listen(address, port, listen => listen.Protocols = HttpProtocols.Http2);
    }
}
