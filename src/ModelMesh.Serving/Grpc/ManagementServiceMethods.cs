using ModelMesh.Contracts.Management;
using ModelMesh.Grpc;

namespace ModelMesh.Serving.Grpc;

/// <summary>Method descriptors of the management service <c>modelmesh.v1.ModelMesh</c>.</summary>
public static class ManagementServiceMethods
{
    public const string ServiceName = "modelmesh.v1.ModelMesh";

    public static readonly Method<RegisterModelRequest, ModelStatusInfo> RegisterModel = ProtobufMethod.Create<RegisterModelRequest, ModelStatusInfo>(ServiceName, "RegisterModel");
    public static readonly Method<UnregisterModelRequest, UnregisterModelResponse> UnregisterModel = ProtobufMethod.Create<UnregisterModelRequest, UnregisterModelResponse>(ServiceName, "UnregisterModel");
    public static readonly Method<GetModelStatusRequest, ModelStatusInfo> GetModelStatus = ProtobufMethod.Create<GetModelStatusRequest, ModelStatusInfo>(ServiceName, "GetModelStatus");
    public static readonly Method<EnsureLoadedRequest, ModelStatusInfo> EnsureLoaded = ProtobufMethod.Create<EnsureLoadedRequest, ModelStatusInfo>(ServiceName, "EnsureLoaded");
    public static readonly Method<ListModelsRequest, ListModelsResponse> ListModels = ProtobufMethod.Create<ListModelsRequest, ListModelsResponse>(ServiceName, "ListModels");
    public static readonly Method<SetVModelRequest, VModelStatusInfo> SetVModel = ProtobufMethod.Create<SetVModelRequest, VModelStatusInfo>(ServiceName, "SetVModel");
    public static readonly Method<DeleteVModelRequest, DeleteVModelResponse> DeleteVModel = ProtobufMethod.Create<DeleteVModelRequest, DeleteVModelResponse>(ServiceName, "DeleteVModel");
    public static readonly Method<GetVModelStatusRequest, VModelStatusInfo> GetVModelStatus = ProtobufMethod.Create<GetVModelStatusRequest, VModelStatusInfo>(ServiceName, "GetVModelStatus");
    public static readonly Method<GetClusterStatusRequest, ClusterStatus> GetClusterStatus = ProtobufMethod.Create<GetClusterStatusRequest, ClusterStatus>(ServiceName, "GetClusterStatus");
}
