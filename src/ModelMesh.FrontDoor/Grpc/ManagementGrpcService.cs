using Grpc.Core;
using ModelMesh.Contracts.Management;
using ModelMesh.FrontDoor.Management;
using ManagementService = ModelMesh.Contracts.Management.ModelMesh;

namespace ModelMesh.FrontDoor.Grpc;

/// <summary>The management service <c>modelmesh.v1.ModelMesh</c> over <see cref="ModelManagement"/>.</summary>
public sealed class ManagementGrpcService(ModelManagement management) : ManagementService.ModelMeshBase
{
    public override Task<ModelStatusInfo> RegisterModel(RegisterModelRequest request, ServerCallContext context) => FrontDoorErrors.Guard(async () =>
        (await management.RegisterAsync(request.ModelId, request.ModelInfo ?? new ModelInfo(), request.LoadNow, request.Sync, context.CancellationToken)).Status);

    public override Task<UnregisterModelResponse> UnregisterModel(UnregisterModelRequest request, ServerCallContext context) => FrontDoorErrors.Guard(async () =>
    {
        await management.UnregisterAsync(request.ModelId, context.CancellationToken);
        return new UnregisterModelResponse();
    });

    public override Task<ModelStatusInfo> GetModelStatus(GetModelStatusRequest request, ServerCallContext context) => FrontDoorErrors.Guard(() =>
        management.GetStatusAsync(request.ModelId, context.CancellationToken));

    public override Task<ModelStatusInfo> EnsureLoaded(EnsureLoadedRequest request, ServerCallContext context) => FrontDoorErrors.Guard(() =>
        management.EnsureLoadedAsync(request.ModelId, request.Sync, context.CancellationToken));

    public override Task<ListModelsResponse> ListModels(ListModelsRequest request, ServerCallContext context) => FrontDoorErrors.Guard(async () =>
        new ListModelsResponse { Models = { await management.ListModelsAsync(context.CancellationToken) } });

    public override Task<VModelStatusInfo> SetVModel(SetVModelRequest request, ServerCallContext context) => FrontDoorErrors.Guard(() =>
        management.SetVModelAsync(request, context.CancellationToken));

    public override Task<DeleteVModelResponse> DeleteVModel(DeleteVModelRequest request, ServerCallContext context) => FrontDoorErrors.Guard(async () =>
    {
        await management.DeleteVModelAsync(request.VmodelId, context.CancellationToken);
        return new DeleteVModelResponse();
    });

    public override Task<VModelStatusInfo> GetVModelStatus(GetVModelStatusRequest request, ServerCallContext context) => FrontDoorErrors.Guard(() =>
        management.GetVModelStatusAsync(request.VmodelId, context.CancellationToken));

    public override Task<ClusterStatus> GetClusterStatus(GetClusterStatusRequest request, ServerCallContext context) => FrontDoorErrors.Guard(() =>
        management.GetClusterStatusAsync(context.CancellationToken));
}
