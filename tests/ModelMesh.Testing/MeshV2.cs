using ModelMesh.Contracts.Inference;
using Grpc.Core;
using ModelMesh.Serving.Grpc;

namespace ModelMesh.Testing;

/// <summary>The V2 gRPC API of the front door (inference, readiness, metadata, repository extension) over one channel.</summary>
public sealed class MeshV2(GrpcChannel channel) : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public GrpcChannel Channel { get; } = channel;

    public Task<ModelInferResponse> InferAsync(ModelInferRequest request, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Channel.UnaryCallAsync(InferenceServiceMethods.ModelInfer, request, Options(timeout, cancellationToken));

    public async Task<bool> ModelReadyAsync(string name, string? version = null) =>
        (await Channel.UnaryCallAsync(InferenceServiceMethods.ModelReady, new ModelReadyRequest { Name = name, Version = version ?? "" }, Options(null, default))).Ready;

    public Task<ModelMetadataResponse> ModelMetadataAsync(string name) =>
        Channel.UnaryCallAsync(InferenceServiceMethods.ModelMetadata, new ModelMetadataRequest { Name = name }, Options(null, default));

    public Task<RepositoryIndexResponse> IndexAsync(bool readyOnly = false) =>
        Channel.UnaryCallAsync(InferenceServiceMethods.RepositoryIndex, new RepositoryIndexRequest { Ready = readyOnly }, Options(null, default));

    public Task<RepositoryModelLoadResponse> LoadAsync(string name) =>
        Channel.UnaryCallAsync(InferenceServiceMethods.RepositoryModelLoad, new RepositoryModelLoadRequest { ModelName = name }, Options(null, default));

    public Task<RepositoryModelUnloadResponse> UnloadAsync(string name) =>
        Channel.UnaryCallAsync(InferenceServiceMethods.RepositoryModelUnload, new RepositoryModelUnloadRequest { ModelName = name }, Options(null, default));

    public void Dispose() => Channel.Dispose();

    private static CallOptions Options(TimeSpan? timeout, CancellationToken cancellationToken) =>
        new(Deadline: DateTime.UtcNow + (timeout ?? DefaultTimeout), CancellationToken: cancellationToken);
}
