using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelMesh.Serving;
using ModelMesh.Serving.Grpc;
using ModelMesh.Serving.Rest;
using ModelMesh.Silo;
using ModelMesh.Silo.Repository;

namespace ModelMesh.Host.Node;

/// <summary>
/// One serving node: V2 gRPC on one Kestrel listener (HTTP/2), V2/V1 REST on another (HTTP/1.1),
/// both over the same local repository and ONNX runtime.
/// </summary>
public sealed class InferenceNode : IAsyncDisposable
{
    private readonly WebApplication _grpc;
    private readonly WebApplication _rest;

    private InferenceNode(WebApplication grpc, WebApplication rest)
    {
        _grpc = grpc;
        _rest = rest;
    }

    public int GrpcPort { get; private set; }

    public int HttpPort { get; private set; }

    public IServiceProvider Services => _grpc.Services;

    public LocalModelRepository Repository => _grpc.Services.GetRequiredService<LocalModelRepository>();

    public static async Task<InferenceNode> StartAsync(NodeOptions options, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        var grpcBuilder = WebApplication.CreateSlimBuilder();
        ConfigureLogging(grpcBuilder, logging);
        grpcBuilder.Services.AddModelMeshNode(
            r =>
            {
                r.ModelsDirectory = options.ModelsDirectory;
                r.ExecutionProvider = options.ExecutionProvider;
            });
        grpcBuilder.Services.AddModelMeshGrpc(o => o.MaxMessageBytes = options.MaxMessageBytes);
        grpcBuilder.Services.AddSingleton<InferenceGrpcService>();
        grpcBuilder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = null;
            k.ListenGrpc(options.BindAddress, options.GrpcPort);
        });
        var grpc = grpcBuilder.Build();
        grpc.MapGrpcService<InferenceGrpcService>();
        grpc.MapModelMeshGrpcInfrastructure();

        var restBuilder = WebApplication.CreateSlimBuilder();
        ConfigureLogging(restBuilder, logging);
        restBuilder.Services.AddSingleton(grpc.Services.GetRequiredService<IInferenceServer>());
        restBuilder.Services.Configure<RestOptions>(o => o.MaxRequestBodyBytes = options.MaxMessageBytes);
        restBuilder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxMessageBytes;
            k.Listen(options.BindAddress, options.HttpPort, l => l.Protocols = HttpProtocols.Http1);
        });
        var rest = restBuilder.Build();
        rest.MapInferenceRest();

        var repository = grpc.Services.GetRequiredService<LocalModelRepository>();
        repository.Refresh();
        await repository.LoadAllAsync(cancellationToken);

        var node = new InferenceNode(grpc, rest);
        try
        {
            await grpc.StartAsync(cancellationToken);
            await rest.StartAsync(cancellationToken);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        node.GrpcPort = BoundPort(grpc);
        node.HttpPort = BoundPort(rest);
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        await _rest.DisposeAsync();
        await _grpc.DisposeAsync();
    }

    private static void ConfigureLogging(WebApplicationBuilder builder, Action<ILoggingBuilder>? logging)
    {
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        logging?.Invoke(builder.Logging);
    }

    private static int BoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First()).Port;
    }
}
