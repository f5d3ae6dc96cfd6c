using Google.Protobuf;
using ModelMesh.Contracts.Inference;
using ModelMesh.Grpc;

namespace ModelMesh.Serving.Grpc;

/// <summary>Method descriptors of <c>inference.GRPCInferenceService</c>, shared by the server and our clients.</summary>
public static class InferenceServiceMethods
{
    public const string ServiceName = "inference.GRPCInferenceService";

    public static readonly Method<ServerLiveRequest, ServerLiveResponse> ServerLive = Create<ServerLiveRequest, ServerLiveResponse>("ServerLive");
    public static readonly Method<ServerReadyRequest, ServerReadyResponse> ServerReady = Create<ServerReadyRequest, ServerReadyResponse>("ServerReady");
    public static readonly Method<ModelReadyRequest, ModelReadyResponse> ModelReady = Create<ModelReadyRequest, ModelReadyResponse>("ModelReady");
    public static readonly Method<ServerMetadataRequest, ServerMetadataResponse> ServerMetadata = Create<ServerMetadataRequest, ServerMetadataResponse>("ServerMetadata");
    public static readonly Method<ModelMetadataRequest, ModelMetadataResponse> ModelMetadata = Create<ModelMetadataRequest, ModelMetadataResponse>("ModelMetadata");
    public static readonly Method<ModelInferRequest, ModelInferResponse> ModelInfer = Create<ModelInferRequest, ModelInferResponse>("ModelInfer");
    public static readonly Method<RepositoryIndexRequest, RepositoryIndexResponse> RepositoryIndex = Create<RepositoryIndexRequest, RepositoryIndexResponse>("RepositoryIndex");
    public static readonly Method<RepositoryModelLoadRequest, RepositoryModelLoadResponse> RepositoryModelLoad = Create<RepositoryModelLoadRequest, RepositoryModelLoadResponse>("RepositoryModelLoad");
    public static readonly Method<RepositoryModelUnloadRequest, RepositoryModelUnloadResponse> RepositoryModelUnload = Create<RepositoryModelUnloadRequest, RepositoryModelUnloadResponse>("RepositoryModelUnload");

    private static Method<TRequest, TResponse> Create<TRequest, TResponse>(string name)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>, new() =>
        new(ServiceName, name, Marshallers.Protobuf<TRequest>(), Marshallers.Protobuf<TResponse>());
}
