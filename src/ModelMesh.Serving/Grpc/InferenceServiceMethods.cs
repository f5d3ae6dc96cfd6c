using ModelMesh.Contracts.Inference;
using ModelMesh.Grpc;

namespace ModelMesh.Serving.Grpc;

/// <summary>Method descriptors of <c>inference.GRPCInferenceService</c>, shared by the server and our clients.</summary>
public static class InferenceServiceMethods
{
    public const string ServiceName = "inference.GRPCInferenceService";

    public static readonly Method<ServerLiveRequest, ServerLiveResponse> ServerLive = ProtobufMethod.Create<ServerLiveRequest, ServerLiveResponse>(ServiceName, "ServerLive");
    public static readonly Method<ServerReadyRequest, ServerReadyResponse> ServerReady = ProtobufMethod.Create<ServerReadyRequest, ServerReadyResponse>(ServiceName, "ServerReady");
    public static readonly Method<ModelReadyRequest, ModelReadyResponse> ModelReady = ProtobufMethod.Create<ModelReadyRequest, ModelReadyResponse>(ServiceName, "ModelReady");
    public static readonly Method<ServerMetadataRequest, ServerMetadataResponse> ServerMetadata = ProtobufMethod.Create<ServerMetadataRequest, ServerMetadataResponse>(ServiceName, "ServerMetadata");
    public static readonly Method<ModelMetadataRequest, ModelMetadataResponse> ModelMetadata = ProtobufMethod.Create<ModelMetadataRequest, ModelMetadataResponse>(ServiceName, "ModelMetadata");
    public static readonly Method<ModelInferRequest, ModelInferResponse> ModelInfer = ProtobufMethod.Create<ModelInferRequest, ModelInferResponse>(ServiceName, "ModelInfer");
    public static readonly Method<RepositoryIndexRequest, RepositoryIndexResponse> RepositoryIndex = ProtobufMethod.Create<RepositoryIndexRequest, RepositoryIndexResponse>(ServiceName, "RepositoryIndex");
    public static readonly Method<RepositoryModelLoadRequest, RepositoryModelLoadResponse> RepositoryModelLoad = ProtobufMethod.Create<RepositoryModelLoadRequest, RepositoryModelLoadResponse>(ServiceName, "RepositoryModelLoad");
    public static readonly Method<RepositoryModelUnloadRequest, RepositoryModelUnloadResponse> RepositoryModelUnload = ProtobufMethod.Create<RepositoryModelUnloadRequest, RepositoryModelUnloadResponse>(ServiceName, "RepositoryModelUnload");
    public static readonly Method<ModelStatisticsRequest, ModelStatisticsResponse> ModelStatistics = ProtobufMethod.Create<ModelStatisticsRequest, ModelStatisticsResponse>(ServiceName, "ModelStatistics");
}
