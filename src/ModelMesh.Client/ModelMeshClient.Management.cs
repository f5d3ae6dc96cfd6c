using ModelMesh.Contracts.Management;

namespace ModelMesh.Client;

/// <summary>The management API: models, vmodels and the cluster view.</summary>
public sealed partial class ModelMeshClient
{
    /// <summary>Registers a model (immutable: re-registering an id with other attributes fails with ALREADY_EXISTS or INVALID_ARGUMENT).</summary>
    /// <param name="sizeHintBytes">Expected loaded size; 0 lets the silo estimate it.</param>
    /// <param name="labels">Silo labels the model requires.</param>
    /// <param name="storageKey">Name of a storage-config entry holding the store's credentials (null: none, or the default entry).</param>
    public Task<ModelStatusInfo> RegisterModelAsync(
        string modelId,
        string storageUri,
        string format = "onnx",
        bool loadNow = false,
        bool sync = false,
        long sizeHintBytes = 0,
        string deviceClass = "cpu",
        IReadOnlyDictionary<string, string>? labels = null,
        string? storageKey = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        ArgumentException.ThrowIfNullOrEmpty(storageUri);
        var info = new ModelInfo
        {
            Format = format,
            StorageUri = storageUri,
            StorageKey = storageKey ?? string.Empty,
            SizeHintBytes = sizeHintBytes,
            DeviceClass = deviceClass,
        };
        if (labels is not null)
        {
            foreach (var (key, value) in labels)
            {
                info.RequiredLabels[key] = value;
            }
        }

        return RegisterModelAsync(new RegisterModelRequest { ModelId = modelId, ModelInfo = info, LoadNow = loadNow, Sync = sync }, timeout, cancellationToken);
    }

    public Task<ModelStatusInfo> RegisterModelAsync(RegisterModelRequest request, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        CallAsync(o => _management.RegisterModelAsync(request, o), timeout, cancellationToken);

    public Task<UnregisterModelResponse> UnregisterModelAsync(string modelId, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        CallAsync(o => _management.UnregisterModelAsync(new UnregisterModelRequest { ModelId = modelId }, o), timeout, cancellationToken);

    public Task<ModelStatusInfo> GetModelStatusAsync(string modelId, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        CallAsync(o => _management.GetModelStatusAsync(new GetModelStatusRequest { ModelId = modelId }, o), timeout, cancellationToken);

    /// <summary>Asks for a loaded copy; with <paramref name="sync"/> the call returns once it is loaded (or failed).</summary>
    public Task<ModelStatusInfo> EnsureLoadedAsync(string modelId, bool sync = false, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        CallAsync(o => _management.EnsureLoadedAsync(new EnsureLoadedRequest { ModelId = modelId, Sync = sync }, o), timeout, cancellationToken);

    public Task<ListModelsResponse> ListModelsAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        CallAsync(o => _management.ListModelsAsync(new ListModelsRequest(), o), timeout, cancellationToken);

    /// <summary>Points a vmodel at a model; <paramref name="expectedTargetModelId"/> makes it a compare-and-set.</summary>
    public Task<VModelStatusInfo> SetVModelAsync(
        string vmodelId,
        string targetModelId,
        string? owner = null,
        string? expectedTargetModelId = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var request = new SetVModelRequest
        {
            VmodelId = vmodelId,
            TargetModelId = targetModelId,
            Owner = owner ?? string.Empty,
            ExpectedTargetModelId = expectedTargetModelId ?? string.Empty,
        };
        return CallAsync(o => _management.SetVModelAsync(request, o), timeout, cancellationToken);
    }

    public Task<DeleteVModelResponse> DeleteVModelAsync(string vmodelId, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        CallAsync(o => _management.DeleteVModelAsync(new DeleteVModelRequest { VmodelId = vmodelId }, o), timeout, cancellationToken);

    public Task<VModelStatusInfo> GetVModelStatusAsync(string vmodelId, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        CallAsync(o => _management.GetVModelStatusAsync(new GetVModelStatusRequest { VmodelId = vmodelId }, o), timeout, cancellationToken);

    /// <summary>Every silo with its devices and models, as the front door sees the registry.</summary>
    public Task<ClusterStatus> GetClusterStatusAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        CallAsync(o => _management.GetClusterStatusAsync(new GetClusterStatusRequest(), o), timeout, cancellationToken);
}
