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
/// it is our real gRPC server stack (Kestrel HTTP/2 on 127.0.0.1, <see cref="GrpcMethodRegistry"/>,
/// MapGrpcMethods) answering the real <c>modelmesh.v1.ModelMesh</c> and <c>inference.GRPCInferenceService</c>
/// methods with the generated protobuf messages, so the client and CLI speak the real wire format to it.
/// Behind the methods is a small in-memory model table; <see cref="Cluster"/> is what GetClusterStatus returns.
/// Unknown models and vmodels fail with NOT_FOUND; a model named "slow" never answers GetModelStatus (for deadlines).
/// Infer echoes every input back as an output named "echo_NAME".
/// </summary>
internal sealed class FakeModelMeshServer : IAsyncDisposable
{
    public const string SlowModel = "slow";

    private readonly WebApplication _app;

    private FakeModelMeshServer(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    /// <summary>host:port, as typed on the command line.</summary>
    public string Endpoint => $"{Address.Host}:{Address.Port}";

    public ConcurrentDictionary<string, ModelStatusInfo> Models { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, VModelStatusInfo> VModels { get; } = new(StringComparer.Ordinal);

    public ClusterStatus Cluster { get; set; } = new();

    public RegisterModelRequest? LastRegister { get; private set; }

    public ModelInferRequest? LastInfer { get; private set; }

    /// <summary>The deadline the last call carried (UTC; MaxValue for none).</summary>
    public DateTime LastDeadline { get; private set; }

    public static async Task<FakeModelMeshServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(IPAddress.Loopback, 0));
        builder.Services.AddModelMeshGrpc();
        var app = builder.Build();
        var server = new FakeModelMeshServer(app);
        var registry = new GrpcMethodRegistry();
        server.AddManagement(registry);
        server.AddInference(registry);
        app.MapGrpcMethods(registry);
        await app.StartAsync();
        server.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void AddManagement(GrpcMethodRegistry registry)
    {
        registry.AddUnary(ManagementServiceMethods.RegisterModel, (request, context) =>
        {
            Seen(context);
            LastRegister = request;
            if (Models.TryGetValue(request.ModelId, out var existing))
            {
                throw new RpcException(StatusCode.AlreadyExists, $"model '{request.ModelId}' is already registered");
            }

            var status = new ModelStatusInfo { ModelId = request.ModelId, Status = request.LoadNow ? ModelStatus.Loading : ModelStatus.NotLoaded };
            if (request.Sync)
            {
                status.Status = ModelStatus.Loaded;
                status.Copies.Add(new ModelCopyInfo { Silo = "silo-a", State = "loaded", Device = "cpu", SizeBytes = 1_572_864, SinceUnixMs = 1_700_000_000_000 });
            }

            Models[request.ModelId] = status;
            return Task.FromResult(status);
        });
        registry.AddUnary(ManagementServiceMethods.UnregisterModel, (request, context) =>
        {
            Seen(context);
            return Models.TryRemove(request.ModelId, out _)
                ? Task.FromResult(new UnregisterModelResponse())
                : throw NotFound("model", request.ModelId);
        });
        registry.AddUnary(ManagementServiceMethods.GetModelStatus, async (request, context) =>
        {
            Seen(context);
            if (request.ModelId == SlowModel)
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }

            return Models.TryGetValue(request.ModelId, out var status) ? status : throw NotFound("model", request.ModelId);
        });
        registry.AddUnary(ManagementServiceMethods.EnsureLoaded, (request, context) =>
        {
            Seen(context);
            return Models.TryGetValue(request.ModelId, out var status) ? Task.FromResult(status) : throw NotFound("model", request.ModelId);
        });
        registry.AddUnary(ManagementServiceMethods.ListModels, (_, context) =>
        {
            Seen(context);
            var response = new ListModelsResponse();
            response.Models.Add(Models.Values.Select(m => new ModelSummary { ModelId = m.ModelId, Status = m.Status }));
            return Task.FromResult(response);
        });
        registry.AddUnary(ManagementServiceMethods.GetClusterStatus, (_, context) =>
        {
            Seen(context);
            return Task.FromResult(Cluster);
        });
        AddVModels(registry);
    }

    private void AddVModels(GrpcMethodRegistry registry)
    {
        registry.AddUnary(ManagementServiceMethods.SetVModel, (request, context) =>
        {
            Seen(context);
            if (!Models.TryGetValue(request.TargetModelId, out var target))
            {
                throw NotFound("model", request.TargetModelId);
            }

            var current = VModels.GetValueOrDefault(request.VmodelId);
            if (request.ExpectedTargetModelId.Length > 0 && current?.TargetModelId != request.ExpectedTargetModelId)
            {
                throw new RpcException(StatusCode.FailedPrecondition, $"vmodel '{request.VmodelId}' does not point at '{request.ExpectedTargetModelId}'");
            }

            var status = new VModelStatusInfo { VmodelId = request.VmodelId, TargetModelId = request.TargetModelId, Owner = request.Owner, TargetStatus = target };
            VModels[request.VmodelId] = status;
            return Task.FromResult(status);
        });
        registry.AddUnary(ManagementServiceMethods.GetVModelStatus, (request, context) =>
        {
            Seen(context);
            return VModels.TryGetValue(request.VmodelId, out var status) ? Task.FromResult(status) : throw NotFound("vmodel", request.VmodelId);
        });
        registry.AddUnary(ManagementServiceMethods.DeleteVModel, (request, context) =>
        {
            Seen(context);
            return VModels.TryRemove(request.VmodelId, out _) ? Task.FromResult(new DeleteVModelResponse()) : throw NotFound("vmodel", request.VmodelId);
        });
    }

    private void AddInference(GrpcMethodRegistry registry)
    {
        registry.AddUnary(InferenceServiceMethods.ModelInfer, (request, context) =>
        {
            Seen(context);
            LastInfer = request;
            if (!Models.ContainsKey(request.ModelName))
            {
                throw NotFound("model", request.ModelName);
            }

            var response = new ModelInferResponse { ModelName = request.ModelName, ModelVersion = "1", Id = request.Id };
            foreach (var input in request.Inputs)
            {
                var output = new ModelInferResponse.Types.InferOutputTensor { Name = "echo_" + input.Name, Datatype = input.Datatype };
                output.Shape.Add(input.Shape);
                response.Outputs.Add(output);
            }

            response.RawOutputContents.Add(request.RawInputContents);
            return Task.FromResult(response);
        });
        registry.AddUnary(InferenceServiceMethods.ModelReady, (request, context) =>
        {
            Seen(context);
            var ready = Models.TryGetValue(request.Name, out var status) && status.Status == ModelStatus.Loaded;
            return Task.FromResult(new ModelReadyResponse { Ready = ready });
        });
        registry.AddUnary(InferenceServiceMethods.ServerReady, (_, context) =>
        {
            Seen(context);
            return Task.FromResult(new ServerReadyResponse { Ready = true });
        });
        registry.AddUnary(InferenceServiceMethods.ModelMetadata, (request, context) =>
        {
            Seen(context);
            if (!Models.ContainsKey(request.Name))
            {
                throw NotFound("model", request.Name);
            }

            var metadata = new ModelMetadataResponse { Name = request.Name, Platform = "onnxruntime_onnx" };
            metadata.Versions.Add("1");
            return Task.FromResult(metadata);
        });
    }

    private void Seen(ServerCallContext context) => LastDeadline = context.Deadline;

    private static RpcException NotFound(string kind, string id) => new(StatusCode.NotFound, $"{kind} '{id}' not found");
}
