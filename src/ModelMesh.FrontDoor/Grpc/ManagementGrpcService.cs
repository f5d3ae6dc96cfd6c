using ModelMesh.Contracts.Management;
using ModelMesh.FrontDoor.Management;
using Grpc.Core;
using ModelMesh.Serving.Grpc;

namespace ModelMesh.FrontDoor.Grpc;

/// <summary>The management service <c>modelmesh.v1.ModelMesh</c> over <see cref="ModelManagement"/>.</summary>
public sealed class ManagementGrpcService(ModelManagement management)
{
    public void Register(GrpcMethodRegistry methods)
    {
        methods.AddUnary(ManagementServiceMethods.RegisterModel, (r, c) => FrontDoorErrors.Guard(async () =>
            (await management.RegisterAsync(r.ModelId, r.ModelInfo ?? new ModelInfo(), r.LoadNow, r.Sync, c.CancellationToken)).Status));
        methods.AddUnary(ManagementServiceMethods.UnregisterModel, (r, c) => FrontDoorErrors.Guard(async () =>
        {
            await management.UnregisterAsync(r.ModelId, c.CancellationToken);
            return new UnregisterModelResponse();
        }));
        methods.AddUnary(ManagementServiceMethods.GetModelStatus, (r, c) => FrontDoorErrors.Guard(() =>
            management.GetStatusAsync(r.ModelId, c.CancellationToken)));
        methods.AddUnary(ManagementServiceMethods.EnsureLoaded, (r, c) => FrontDoorErrors.Guard(() =>
            management.EnsureLoadedAsync(r.ModelId, r.Sync, c.CancellationToken)));
        methods.AddUnary(ManagementServiceMethods.ListModels, (_, c) => FrontDoorErrors.Guard(async () =>
            new ListModelsResponse { Models = { await management.ListModelsAsync(c.CancellationToken) } }));
        methods.AddUnary(ManagementServiceMethods.SetVModel, (r, c) => FrontDoorErrors.Guard(() =>
            management.SetVModelAsync(r, c.CancellationToken)));
        methods.AddUnary(ManagementServiceMethods.DeleteVModel, (r, c) => FrontDoorErrors.Guard(async () =>
        {
            await management.DeleteVModelAsync(r.VmodelId, c.CancellationToken);
            return new DeleteVModelResponse();
        }));
        methods.AddUnary(ManagementServiceMethods.GetVModelStatus, (r, c) => FrontDoorErrors.Guard(() =>
            management.GetVModelStatusAsync(r.VmodelId, c.CancellationToken)));
        methods.AddUnary(ManagementServiceMethods.GetClusterStatus, (_, c) => FrontDoorErrors.Guard(() =>
            management.GetClusterStatusAsync(c.CancellationToken)));
    }
}
