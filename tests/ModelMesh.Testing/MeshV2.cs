using ModelMesh.Contracts.Inference;
using Grpc.Core;
using Grpc.Net.Client;
using ModelMesh.Serving.Grpc;

namespace ModelMesh.Testing;

/// <summary>The V2 gRPC API of the front door (inference, readiness, metadata, repository extension) over one channel.</summary>
public sealed class MeshV2(GrpcChannel channel) : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public GrpcChannel Channel { get; } = channel;

    public Task<ModelInferResponse> InferAsync(ModelInferRequest request, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        new GRPCInferenceService.GRPCInferenceServiceClient(Channel).ModelInferAsync(request, Options(timeout, cancellationToken)).ResponseAsync;

    public async Task<bool> ModelReadyAsync(string name, string? version = null) =>
        (await new GRPCInferenceService.GRPCInferenceServiceClient(Channel).ModelReadyAsync(new ModelReadyRequest { Name = name, Version = version ?? "" }, Options(null, default)).ResponseAsync).Ready;

    public Task<ModelMetadataResponse> ModelMetadataAsync(string name) =>
        new GRPCInferenceService.GRPCInferenceServiceClient(Channel).ModelMetadataAsync(new ModelMetadataRequest { Name = name }, Options(null, default)).ResponseAsync;

    public Task<RepositoryIndexResponse> IndexAsync(bool readyOnly = false) =>
        new GRPCInferenceService.GRPCInferenceServiceClient(Channel).RepositoryIndexAsync(new RepositoryIndexRequest { Ready = readyOnly }, Options(null, default)).ResponseAsync;

    public Task<RepositoryModelLoadResponse> LoadAsync(string name) =>
        new GRPCInferenceService.GRPCInferenceServiceClient(Channel).RepositoryModelLoadAsync(new RepositoryModelLoadRequest { ModelName = name }, Options(null, default)).ResponseAsync;

    public Task<RepositoryModelUnloadResponse> UnloadAsync(string name) =>
        new GRPCInferenceService.GRPCInferenceServiceClient(Channel).RepositoryModelUnloadAsync(new RepositoryModelUnloadRequest { ModelName = name }, Options(null, default)).ResponseAsync;

    public void Dispose() => Channel.Dispose();

    private static CallOptions Options(TimeSpan? timeout, CancellationToken cancellationToken) =>
        new(deadline: DateTime.UtcNow + (timeout ?? DefaultTimeout), cancellationToken: cancellationToken);
}
