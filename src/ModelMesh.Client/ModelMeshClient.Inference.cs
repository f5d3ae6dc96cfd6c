using ModelMesh.Contracts.Inference;

namespace ModelMesh.Client;

/// <summary>V2 inference (KServe Open Inference Protocol) through the front door.</summary>
public sealed partial class ModelMeshClient
{
    /// <summary>Runs inference; <see cref="ModelInferRequest.ModelName"/> may name a model or a vmodel.</summary>
    public Task<ModelInferResponse> InferAsync(ModelInferRequest request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CallAsync(o => _inference.ModelInferAsync(request, o), timeout, cancellationToken);
    }

    public Task<ModelMetadataResponse> ModelMetadataAsync(string name, string? version = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        CallAsync(o => _inference.ModelMetadataAsync(new ModelMetadataRequest { Name = name, Version = version ?? string.Empty }, o), timeout, cancellationToken);

    public async Task<bool> ModelReadyAsync(string name, string? version = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var request = new ModelReadyRequest { Name = name, Version = version ?? string.Empty };
        var response = await CallAsync(o => _inference.ModelReadyAsync(request, o), timeout, cancellationToken).ConfigureAwait(false);
        return response.Ready;
    }

    public async Task<bool> ServerReadyAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync(o => _inference.ServerReadyAsync(new ServerReadyRequest(), o), timeout, cancellationToken).ConfigureAwait(false);
        return response.Ready;
    }

    public async Task<bool> ServerLiveAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync(o => _inference.ServerLiveAsync(new ServerLiveRequest(), o), timeout, cancellationToken).ConfigureAwait(false);
        return response.Live;
    }

    public Task<ServerMetadataResponse> ServerMetadataAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        CallAsync(o => _inference.ServerMetadataAsync(new ServerMetadataRequest(), o), timeout, cancellationToken);
}
