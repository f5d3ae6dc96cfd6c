using ModelMesh.Contracts.Inference;

namespace ModelMesh.Serving;

/// <summary>
/// What the V2 endpoints (gRPC and REST) call: a local node's model repository today, the mesh's router later.
/// Expected failures surface as <see cref="ServingException"/>.
/// </summary>
public interface IInferenceServer
{
    /// <summary>True while the server can accept requests (not "every model loaded").</summary>
    bool IsReady { get; }

    ServerMetadataResponse GetServerMetadata();

    /// <summary>Whether a model (version) can answer now. Unknown model or version: NOT_FOUND.</summary>
    ValueTask<bool> IsModelReadyAsync(string name, string? version, CancellationToken cancellationToken);

    ValueTask<ModelMetadataResponse> GetModelMetadataAsync(string name, string? version, CancellationToken cancellationToken);

    /// <summary>The model's single-input description, for V1 <c>:predict</c>.</summary>
    ValueTask<ModelSignature> GetModelSignatureAsync(string name, string? version, CancellationToken cancellationToken);

    ValueTask<ModelInferResponse> InferAsync(ModelInferRequest request, CancellationToken cancellationToken);

    ValueTask<RepositoryIndexResponse> GetRepositoryIndexAsync(bool readyOnly, CancellationToken cancellationToken);

    ValueTask LoadModelAsync(string name, CancellationToken cancellationToken);

    ValueTask UnloadModelAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Statistics extension: cumulative statistics of a model (every version, or <paramref name="version"/>), or of
    /// every model when <paramref name="name"/> is null. Unknown model or version: NOT_FOUND.
    /// </summary>
    ValueTask<ModelStatisticsResponse> GetModelStatisticsAsync(string? name, string? version, CancellationToken cancellationToken);
}
