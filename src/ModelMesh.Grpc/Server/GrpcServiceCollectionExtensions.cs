using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ModelMesh.Grpc;

/// <summary>DI registration for the gRPC server.</summary>
public static class GrpcServiceCollectionExtensions
{
    /// <summary>Adds routing, <see cref="GrpcServerOptions"/> (validated) and a <see cref="TimeProvider"/> if none is registered.</summary>
    public static IServiceCollection AddModelMeshGrpc(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        var options = services.AddOptions<GrpcServerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.MaxReceiveMessageSize > 0 && o.MaxSendMessageSize > 0, "gRPC message size limits must be positive.")
            .Validate(o => o.ResponseCompression is null || GrpcEncodings.IsGzip(o.ResponseCompression) || GrpcEncodings.IsIdentity(o.ResponseCompression), "ResponseCompression must be null, \"identity\" or \"gzip\".")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
