using Microsoft.Extensions.Options;
using ModelMesh.Contracts.Management;
using ModelMesh.Contracts.Silo;
using ModelMesh.FrontDoor.Routing;
using Grpc.Core;
using SiloClient = ModelMesh.Contracts.Silo.Silo.SiloClient;
using ModelMesh.Registry;
using ModelMesh.Serving;
using ModelMesh.Serving.Grpc;
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
    IMeshRegistry registry, RoutingTable table, InferenceRouter router, GrpcChannelPool channels,
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

        table.SetModel(modelId, result.Stored);
        var status = loadNow ? await EnsureLoadedAsync(modelId, sync, cancellationToken) : await GetStatusAsync(modelId, cancellationToken);
        return (result.Outcome, status);
    }

    public async Task UnregisterAsync(string modelId, CancellationToken cancellationToken)
    {
        if (!await registry.UnregisterModelAsync(modelId, cancellationToken))
        {
            throw ServingException.NotFound($"unknown model '{modelId}'");
        }

        table.SetModel(modelId, null);
        await UnloadAllCopiesAsync(modelId, cancellationToken);
    }

    /// <summary>Asks every silo holding a copy to unload it; the model stays registered.</summary>
    public async Task UnloadAllCopiesAsync(string modelId, CancellationToken cancellationToken)
    {
        var copies = await registry.GetCopiesAsync(modelId, cancellationToken);
        var unloads = new List<Task>();
        foreach (var copy in copies)
        {
            if (table.LiveSilo(copy) is { } silo)
            {
                unloads.Add(new SiloClient(channels.Get(silo.Address)).UnloadModelAsync(
                    new UnloadModelRequest { ModelId = modelId }, new CallOptions(cancellationToken: cancellationToken)).ResponseAsync);
            }
        }

        try
        {
            await Task.WhenAll(unloads);
        }
        catch (RpcException)
        {
            // A silo that cannot be reached holds nothing routable; its copies die with its lease.
        }

        table.SetCopies(modelId, await registry.GetCopiesAsync(modelId, cancellationToken));
    }

    public async Task<ModelStatusInfo> GetStatusAsync(string modelId, CancellationToken cancellationToken)
    {
        var model = await registry.GetModelAsync(modelId, cancellationToken) ?? throw ServingException.NotFound($"unknown model '{modelId}'");
        var copies = await registry.GetCopiesAsync(model.ModelId, cancellationToken);
        table.SetCopies(model.ModelId, copies);
        return ModelStatusReader.Build(model.ModelId, copies, table, _options.FailedCopiesForLoadingFailed);
    }

    /// <summary>Loads one copy when there is none (placing it like a cache miss); with <paramref name="sync"/> waits for it.</summary>
    public async Task<ModelStatusInfo> EnsureLoadedAsync(string modelId, bool sync, CancellationToken cancellationToken)
    {
        var status = await GetStatusAsync(modelId, cancellationToken);
        if (status.Status is ModelStatus.Loaded || (status.Status is ModelStatus.Loading && !sync))
        {
            return status;
        }

        var model = table.FindModel(modelId) ?? throw ServingException.NotFound($"unknown model '{modelId}'");
        var deadline = time.GetUtcNow().UtcDateTime + _options.DefaultDeadline;
        try
        {
            await router.ExecuteAsync(model, deadline, async (channel, _, callOptions) =>
            {
                var response = await new SiloClient(channel).LoadModelAsync(new LoadModelRequest { ModelId = modelId, Wait = sync }, callOptions);
                if (response.State == "failed")
                {
                    throw new RpcException(new Status(StatusCode.FailedPrecondition, response.Error));
                }

                return response;
            }, cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode is not (StatusCode.Cancelled or StatusCode.DeadlineExceeded))
        {
            // The status below reports the failed copies and their errors.
        }

        return await GetStatusAsync(modelId, cancellationToken);
    }

    public async Task<IReadOnlyList<ModelSummary>> ListModelsAsync(CancellationToken cancellationToken)
    {
        var models = await registry.ListModelsAsync(cancellationToken);
        var summaries = new List<ModelSummary>(models.Count);
        foreach (var model in models.OrderBy(m => m.ModelId, StringComparer.Ordinal))
        {
            var copies = table.Route(model.ModelId).Copies;
            summaries.Add(new ModelSummary
            {
                ModelId = model.ModelId,
                Status = ModelStatusReader.Build(model.ModelId, copies, table, _options.FailedCopiesForLoadingFailed).Status,
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

        table.SetVModel(record.VModelId, record);
        return await GetVModelStatusAsync(request.VmodelId, cancellationToken);
    }

    public async Task DeleteVModelAsync(string vmodelId, CancellationToken cancellationToken)
    {
        if (!await registry.DeleteVModelAsync(vmodelId, cancellationToken))
        {
            throw ServingException.NotFound($"unknown vmodel '{vmodelId}'");
        }

        table.SetVModel(vmodelId, null);
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

    public async Task<ClusterStatus> GetClusterStatusAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<SiloRecord> silos;
        try
        {
            silos = await registry.ListSilosAsync(cancellationToken);
            table.SetSilos(silos);
        }
        catch (RegistryUnavailableException)
        {
            silos = [.. table.Silos.Values];
        }

        var models = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var model in table.Models)
        {
            foreach (var copy in table.Route(model.ModelId).Copies)
            {
                if (copy.State == CopyState.Loaded && table.LiveSilo(copy) is not null)
                {
                    (models.TryGetValue(copy.SiloId, out var list) ? list : models[copy.SiloId] = []).Add(model.ModelId);
                }
            }
        }

        var status = new ClusterStatus { Degraded = table.Degraded };
        foreach (var silo in silos.OrderBy(s => s.SiloId, StringComparer.Ordinal))
        {
            var entry = new SiloStatus { Id = silo.SiloId, Address = silo.Address, State = silo.State.ToString().ToLowerInvariant() };
            entry.Devices.AddRange(silo.Devices.Select(d => new DeviceStatus { Name = d.Name, CapacityBytes = d.CapacityBytes, UsedBytes = d.UsedBytes }));
            entry.Models.AddRange((models.GetValueOrDefault(silo.SiloId) ?? []).Order(StringComparer.Ordinal));
            status.Silos.Add(entry);
        }

        return status;
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
