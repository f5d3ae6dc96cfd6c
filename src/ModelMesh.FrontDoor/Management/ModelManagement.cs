using Microsoft.Extensions.Options;
using ModelMesh.Contracts.Management;
using ModelMesh.FrontDoor.Routing;
using ModelMesh.Orleans.Copies;
using Grpc.Core;
using ModelMesh.Registry;
using ModelMesh.Serving;
using ModelMesh.Storage;
using ModelMesh.Storage.Config;

namespace ModelMesh.FrontDoor.Management;

/// <summary>
/// The management operations behind both the gRPC service and REST. Keeps invariant 6 (unregister wins):
/// the model record is removed first, then every copy is unloaded; requests after the unregister get
/// NOT_FOUND even while unloads are still running. Models are immutable: re-registering with other
/// attributes is refused (ALREADY_EXISTS / 409). A storage URI with an unsupported scheme, or a storage key that the
/// storage config does not hold (or holds for another store type), is refused at registration (INVALID_ARGUMENT / 400).
/// </summary>
public sealed class ModelManagement(
    IMeshRegistry registry, RegistrationView view, InferenceRouter router, CopyBoardView copies,
    IOptions<FrontDoorOptions> options, TimeProvider time, StorageConfig storageConfig)
{
    private readonly FrontDoorOptions _options = options.Value;

    public async Task<(RegisterOutcome Outcome, ModelStatusInfo Status)> RegisterAsync(
        string modelId, ModelInfo info, bool loadNow, bool sync, CancellationToken cancellationToken)
    {
        ModelIdRules.Require(modelId);
        var record = ToRecord(modelId, info);
        var result = await registry.RegisterModelAsync(record, cancellationToken);
        if (result.Outcome == RegisterOutcome.Conflict)
        {
            throw new ServingException(StatusCode.AlreadyExists,
                $"model '{modelId}' is already registered with other attributes (storage {StorageLocation.Redact(new Uri(result.Stored.StorageUri))}); models are immutable: unregister it first or use a new id");
        }

        view.SetModel(modelId, result.Stored);
        var status = loadNow ? await EnsureLoadedAsync(modelId, sync, cancellationToken) : await GetStatusAsync(modelId, cancellationToken);
        return (result.Outcome, status);
    }

    public async Task UnregisterAsync(string modelId, CancellationToken cancellationToken)
    {
        if (!await registry.UnregisterModelAsync(modelId, cancellationToken))
        {
            throw ServingException.NotFound($"unknown model '{modelId}'");
        }

        view.SetModel(modelId, null);
        await UnloadAllCopiesAsync(modelId, cancellationToken);
    }

    /// <summary>
    /// Unloads every copy of the model in the cluster; the model stays registered. Answers once this member's board shows
    /// no copy (or after <see cref="CopyBoardView.ShowTimeout"/>), so a status or readiness read right after agrees.
    /// </summary>
    public async Task UnloadAllCopiesAsync(string modelId, CancellationToken cancellationToken)
    {
        await router.UnloadAllAsync(modelId, cancellationToken);
        await copies.WaitShownUnloadedAsync(modelId, cancellationToken);
    }

    public async Task<ModelStatusInfo> GetStatusAsync(string modelId, CancellationToken cancellationToken)
    {
        var model = await FindAsync(modelId, cancellationToken) ?? throw ServingException.NotFound($"unknown model '{modelId}'");
        return ModelStatusReader.Build(model.ModelId, copies, _options.FailedCopiesForLoadingFailed);
    }

    /// <summary>Loads one copy when there is none (placed like a cache miss); with <paramref name="sync"/> waits for it.</summary>
    public async Task<ModelStatusInfo> EnsureLoadedAsync(string modelId, bool sync, CancellationToken cancellationToken)
    {
        var status = await GetStatusAsync(modelId, cancellationToken);
        if (status.Status is ModelStatus.Loaded || (status.Status is ModelStatus.Loading && !sync))
        {
            return status;
        }

        var load = router.EnsureLoadedAsync(modelId, cancellationToken);
        if (!sync)
        {
            _ = load.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            var loading = await GetStatusAsync(modelId, cancellationToken);
            if (loading.Status is ModelStatus.NotLoaded)
            {
                loading.Status = ModelStatus.Loading; // admitted; the silo's publication is on its way
            }

            return loading;
        }

        CopyStatus answered;
        try
        {
            answered = await load;
        }
        catch (ServingException e) when (e.Code is not (StatusCode.Cancelled or StatusCode.DeadlineExceeded or StatusCode.NotFound or StatusCode.InvalidArgument))
        {
            var failed = await GetStatusAsync(modelId, cancellationToken);
            if (failed.Status is ModelStatus.NotLoaded or ModelStatus.Loading)
            {
                failed.Status = e.Code == StatusCode.FailedPrecondition || e.Code == StatusCode.ResourceExhausted ? ModelStatus.LoadingFailed : failed.Status;
                failed.Errors.Add(e.Message);
            }

            return failed;
        }

        // Answer once this member's board shows the copy, so list and cluster reads right after agree with this status.
        await copies.WaitShownLoadedAsync(modelId, answered.Silo, cancellationToken);
        var model = await FindAsync(modelId, cancellationToken) ?? throw ServingException.NotFound($"unknown model '{modelId}'");
        return ModelStatusReader.Build(model.ModelId, copies, _options.FailedCopiesForLoadingFailed, answered);
    }

    public async Task<IReadOnlyList<ModelSummary>> ListModelsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ModelRecord> models;
        try
        {
            models = await registry.ListModelsAsync(cancellationToken);
        }
        catch (RegistryUnavailableException)
        {
            models = [.. view.Models];
        }

        var summaries = new List<ModelSummary>(models.Count);
        foreach (var model in models.OrderBy(m => m.ModelId, StringComparer.Ordinal))
        {
            summaries.Add(new ModelSummary
            {
                ModelId = model.ModelId,
                Status = ModelStatusReader.Build(model.ModelId, copies, _options.FailedCopiesForLoadingFailed).Status,
            });
        }

        return summaries;
    }

    public async Task<VModelStatusInfo> SetVModelAsync(SetVModelRequest request, CancellationToken cancellationToken)
    {
        ModelIdRules.Require(request.VmodelId, "vmodel id");
        if (await registry.GetModelAsync(request.TargetModelId, cancellationToken) is null)
        {
            throw ServingException.NotFound($"target model '{request.TargetModelId}' is not registered");
        }

        var record = new VModelRecord(request.VmodelId, request.TargetModelId, NullIfEmpty(request.Owner), time.GetUtcNow());
        if (!await registry.SetVModelAsync(record, NullIfEmpty(request.ExpectedTargetModelId), cancellationToken))
        {
            throw new ServingException(StatusCode.FailedPrecondition,
                $"vmodel '{request.VmodelId}' does not target '{request.ExpectedTargetModelId}' any more");
        }

        view.SetVModel(record.VModelId, record);
        return await GetVModelStatusAsync(request.VmodelId, cancellationToken);
    }

    public async Task DeleteVModelAsync(string vmodelId, CancellationToken cancellationToken)
    {
        if (!await registry.DeleteVModelAsync(vmodelId, cancellationToken))
        {
            throw ServingException.NotFound($"unknown vmodel '{vmodelId}'");
        }

        view.SetVModel(vmodelId, null);
    }

    public async Task<VModelStatusInfo> GetVModelStatusAsync(string vmodelId, CancellationToken cancellationToken)
    {
        var vmodel = await registry.GetVModelAsync(vmodelId, cancellationToken) ?? throw ServingException.NotFound($"unknown vmodel '{vmodelId}'");
        var info = new VModelStatusInfo { VmodelId = vmodel.VModelId, TargetModelId = vmodel.TargetModelId, Owner = vmodel.Owner ?? "" };
        try
        {
            info.TargetStatus = await GetStatusAsync(vmodel.TargetModelId, cancellationToken);
        }
        catch (ServingException e) when (e.Code == StatusCode.NotFound)
        {
            info.TargetStatus = new ModelStatusInfo { ModelId = vmodel.TargetModelId, Status = ModelStatus.NotFound };
        }

        return info;
    }

    /// <summary>
    /// Every member of the Orleans cluster as its capacity publication shows it: model silos with their devices, use and
    /// loaded models; front doors (no model capacity) with the role "frontdoor". Read from this process's board: no registry.
    /// </summary>
    public Task<ClusterStatus> GetClusterStatusAsync(CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        var status = new ClusterStatus { Degraded = view.Degraded };
        foreach (var silo in copies.Silos())
        {
            var entry = new Contracts.Management.SiloStatus
            {
                Id = silo.DisplayName,
                Address = silo.Silo.Endpoint.ToString(),
                State = silo.Draining ? "draining" : silo.HoldsModels ? "active" : "frontdoor",
            };
            entry.Devices.AddRange(silo.Devices.Select(d => new DeviceStatus { Name = d.Name, CapacityBytes = d.CapacityBytes, UsedBytes = d.UsedBytes }));
            entry.Models.AddRange(silo.Copies.Where(c => c.State == Orleans.Board.CopyStateName.Loaded).Select(c => c.ModelId).Distinct().Order(StringComparer.Ordinal));
            status.Silos.Add(entry);
        }

        return Task.FromResult(status);
    }

    private async Task<ModelRecord?> FindAsync(string modelId, CancellationToken cancellationToken)
    {
        try
        {
            return await registry.GetModelAsync(modelId, cancellationToken);
        }
        catch (RegistryUnavailableException) when (view.FindModel(modelId) is { } known)
        {
            return known;
        }
    }

    private ModelRecord ToRecord(string modelId, ModelInfo info)
    {
        var format = string.IsNullOrEmpty(info.Format) ? "onnx" : info.Format.ToLowerInvariant();
        if (!ModelStorage.SupportedFormats.Contains(format))
        {
            throw ServingException.InvalidArgument($"model format '{info.Format}' is not supported; supported: {string.Join(", ", ModelStorage.SupportedFormats)}");
        }

        if (string.IsNullOrEmpty(info.StorageUri))
        {
            throw ServingException.InvalidArgument("storageUri is required");
        }

        try
        {
            ModelSourceResolver.Resolve(info.StorageUri, NullIfEmpty(info.StorageKey), storageConfig);
        }
        catch (InvalidStorageReferenceException e)
        {
            throw ServingException.InvalidArgument(e.Message);
        }

        var deviceClass = string.IsNullOrEmpty(info.DeviceClass) ? "cpu" : info.DeviceClass.ToLowerInvariant();
        if (deviceClass is not ("cpu" or "gpu"))
        {
            throw ServingException.InvalidArgument($"device class '{info.DeviceClass}' is not supported; use cpu or gpu");
        }

        if (info.SizeHintBytes < 0)
        {
            throw ServingException.InvalidArgument($"size hint {info.SizeHintBytes} is negative");
        }

        return new ModelRecord
        {
            ModelId = modelId,
            Format = format,
            StorageUri = info.StorageUri,
            StorageKey = NullIfEmpty(info.StorageKey),
            Version = NullIfEmpty(info.Version),
            SizeHintBytes = info.SizeHintBytes,
            DeviceClass = deviceClass,
            RequiredLabels = new Dictionary<string, string>(info.RequiredLabels),
            RegisteredAt = time.GetUtcNow(),
        };
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
