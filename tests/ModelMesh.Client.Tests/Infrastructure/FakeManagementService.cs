using Grpc.Core;
using ModelMesh.Contracts.Management;
using ManagementService = ModelMesh.Contracts.Management.ModelMesh;

namespace ModelMesh.Client.Tests;

/// <summary><c>modelmesh.v1.ModelMesh</c> of <see cref="FakeModelMeshServer"/> (a test double speaking the real wire format).</summary>
internal sealed class FakeManagementService(FakeModelMeshServer server) : ManagementService.ModelMeshBase
{
    public override Task<ModelStatusInfo> RegisterModel(RegisterModelRequest request, ServerCallContext context)
    {
        server.Seen(context);
        server.LastRegister = request;
        if (server.Models.ContainsKey(request.ModelId))
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"model '{request.ModelId}' is already registered"));
        }

        var status = new ModelStatusInfo { ModelId = request.ModelId, Status = request.LoadNow ? ModelStatus.Loading : ModelStatus.NotLoaded };
        if (request.Sync)
        {
            status.Status = ModelStatus.Loaded;
            status.Copies.Add(new ModelCopyInfo { Silo = "silo-a", State = "loaded", Device = "cpu", SizeBytes = 1_572_864, SinceUnixMs = 1_700_000_000_000 });
        }

        server.Models[request.ModelId] = status;
        return Task.FromResult(status);
    }

    public override Task<UnregisterModelResponse> UnregisterModel(UnregisterModelRequest request, ServerCallContext context)
    {
        server.Seen(context);
        return server.Models.TryRemove(request.ModelId, out _)
            ? Task.FromResult(new UnregisterModelResponse())
            : throw FakeModelMeshServer.NotFound("model", request.ModelId);
    }

    public override async Task<ModelStatusInfo> GetModelStatus(GetModelStatusRequest request, ServerCallContext context)
    {
        server.Seen(context);
        if (request.ModelId == FakeModelMeshServer.SlowModel)
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }

        return server.Models.TryGetValue(request.ModelId, out var status) ? status : throw FakeModelMeshServer.NotFound("model", request.ModelId);
    }

    public override Task<ModelStatusInfo> EnsureLoaded(EnsureLoadedRequest request, ServerCallContext context)
    {
        server.Seen(context);
        return server.Models.TryGetValue(request.ModelId, out var status) ? Task.FromResult(status) : throw FakeModelMeshServer.NotFound("model", request.ModelId);
    }

    public override Task<ListModelsResponse> ListModels(ListModelsRequest request, ServerCallContext context)
    {
        server.Seen(context);
        var response = new ListModelsResponse();
        response.Models.Add(server.Models.Values.Select(m => new ModelSummary { ModelId = m.ModelId, Status = m.Status }));
        return Task.FromResult(response);
    }

    public override Task<ClusterStatus> GetClusterStatus(GetClusterStatusRequest request, ServerCallContext context)
    {
        server.Seen(context);
        return Task.FromResult(server.Cluster);
    }

    public override Task<VModelStatusInfo> SetVModel(SetVModelRequest request, ServerCallContext context)
    {
        server.Seen(context);
        if (!server.Models.TryGetValue(request.TargetModelId, out var target))
        {
            throw FakeModelMeshServer.NotFound("model", request.TargetModelId);
        }

        var current = server.VModels.GetValueOrDefault(request.VmodelId);
        if (request.ExpectedTargetModelId.Length > 0 && current?.TargetModelId != request.ExpectedTargetModelId)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"vmodel '{request.VmodelId}' does not point at '{request.ExpectedTargetModelId}'"));
        }

        var status = new VModelStatusInfo { VmodelId = request.VmodelId, TargetModelId = request.TargetModelId, Owner = request.Owner, TargetStatus = target };
        server.VModels[request.VmodelId] = status;
        return Task.FromResult(status);
    }

    public override Task<VModelStatusInfo> GetVModelStatus(GetVModelStatusRequest request, ServerCallContext context)
    {
        server.Seen(context);
        return server.VModels.TryGetValue(request.VmodelId, out var status) ? Task.FromResult(status) : throw FakeModelMeshServer.NotFound("vmodel", request.VmodelId);
    }

    public override Task<DeleteVModelResponse> DeleteVModel(DeleteVModelRequest request, ServerCallContext context)
    {
        server.Seen(context);
        return server.VModels.TryRemove(request.VmodelId, out _) ? Task.FromResult(new DeleteVModelResponse()) : throw FakeModelMeshServer.NotFound("vmodel", request.VmodelId);
    }
}
