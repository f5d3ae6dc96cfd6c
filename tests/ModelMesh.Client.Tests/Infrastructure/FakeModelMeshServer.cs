using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelMesh.Contracts.Inference;
using ModelMesh.Contracts.Management;
using Grpc.Core;
using ModelMesh.Serving.Grpc;

namespace ModelMesh.Client.Tests;

/// <summary>
/// A TEST DOUBLE of a front door, used until the real one can be started in tests. It is not a mock of the client:
/// it is the real gRPC server stack (Grpc.AspNetCore on Kestrel HTTP/2, 127.0.0.1) serving the generated bases of
/// <c>modelmesh.v1.ModelMesh</c> (<see cref="FakeManagementService"/>) and <c>inference.GRPCInferenceService</c>
/// (<see cref="FakeInferenceService"/>) with the generated protobuf messages, so the client and CLI speak the real wire format to it.
/// Behind the methods is a small in-memory model table; <see cref="Cluster"/> is what GetClusterStatus returns.
/// Unknown models and vmodels fail with NOT_FOUND; a model named "slow" never answers GetModelStatus (for deadlines).
/// Infer echoes every input back as an output named "echo_NAME".
/// </summary>
internal sealed class FakeModelMeshServer : IAsyncDisposable
{
    public const string SlowModel = "slow";

    private WebApplication _app = null!;

    public Uri Address { get; private set; } = null!;

    /// <summary>host:port, as typed on the command line.</summary>
    public string Endpoint => $"{Address.Host}:{Address.Port}";

    public ConcurrentDictionary<string, ModelStatusInfo> Models { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, VModelStatusInfo> VModels { get; } = new(StringComparer.Ordinal);

    public ClusterStatus Cluster { get; set; } = new();

    public RegisterModelRequest? LastRegister { get; set; }

    public ModelInferRequest? LastInfer { get; set; }

    /// <summary>The deadline the last call carried (UTC; MaxValue for none).</summary>
    public DateTime LastDeadline { get; private set; }

    public static async Task<FakeModelMeshServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(IPAddress.Loopback, 0));
        var server = new FakeModelMeshServer();
        builder.Services.AddSingleton(server);
        builder.Services.AddGrpc();
        var app = builder.Build();
        server._app = app;
        app.MapGrpcService<FakeManagementService>();
        app.MapGrpcService<FakeInferenceService>();
        await app.StartAsync();
        server.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal void Seen(ServerCallContext context) => LastDeadline = context.Deadline;

    internal static RpcException NotFound(string kind, string id) => new(new Status(StatusCode.NotFound, $"{kind} '{id}' not found"));
}
