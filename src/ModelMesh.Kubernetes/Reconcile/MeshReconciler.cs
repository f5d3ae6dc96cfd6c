using Microsoft.Extensions.Logging;
using ModelMesh.Client;
using ModelMesh.Contracts.Management;
using Grpc.Core;
using ModelMesh.Kubernetes.Resources;
using ModelMesh.Kubernetes.Status;

namespace ModelMesh.Kubernetes.Reconcile;

/// <summary>
/// Keeps one resource's mesh registrations equal to its spec, through the management API only.
/// Invariant (ModelMesh's vmodel transition): the resource's name is a vmodel owned by this controller; it points
/// at the concrete model <c>{name}__{hash}</c> of a spec only once that model is Loaded (or at once when the name
/// served nothing), moved by compare-and-set, so a request by name never sees NOT_FOUND during a spec change.
/// The old model is unregistered one poll after the move (requests already routed to it finish). A crash between
/// steps leaves extra registrations, never a missing one; <see cref="CollectGarbageAsync"/> removes them after a list.
/// </summary>
public sealed partial class MeshReconciler(ModelMeshClient client, KubernetesControllerOptions options, TimeProvider time, ILogger<MeshReconciler> logger)
{
    private readonly Dictionary<string, (string ModelId, DateTimeOffset Due)> _retiring = new(StringComparer.Ordinal);

    private string Owner => $"kubernetes:{options.Namespace}";

    public async Task<ReconcileOutcome> ReconcileAsync(KubeResource resource, ModelSpecResult spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(spec);
        var name = resource.Name;
        var retired = await RetireDueAsync(name, cancellationToken);
        var vmodel = await FindVModelAsync(name, cancellationToken);
        if (vmodel is not null && !IsOurs(vmodel))
        {
            return new(MeshStates.Invalid(null, FailureReasons.InvalidPredictorSpec, $"the name '{name}' is a vmodel owned by '{vmodel.Owner}'"), false);
        }

        if (spec.Model is not { } model)
        {
            return new(MeshStates.Invalid(vmodel?.TargetStatus, spec.InvalidReason!, spec.InvalidMessage!), false);
        }

        ModelStatusInfo target;
        try
        {
            target = await client.RegisterModelAsync(ToRequest(model), cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            // Registered, but its load failed (and the silos remember the failure): a failed load, not a bad spec.
            target = await client.GetModelStatusAsync(model.ModelId, cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.AlreadyExists)
        {
            Log.RegistrationRefused(logger, resource.Key, model.ModelId, e.Status.Detail);
            return new(MeshStates.Invalid(vmodel?.TargetStatus, FailureReasons.InvalidPredictorSpec, e.Status.Detail, model.ModelId), false);
        }

        if (vmodel is null)
        {
            await client.SetVModelAsync(name, model.ModelId, Owner, cancellationToken: cancellationToken);
            Log.VModelSet(logger, name, model.ModelId);
            return Settled(target, retired);
        }

        if (vmodel.TargetModelId == model.ModelId)
        {
            return Settled(target, retired);
        }

        if (target.Status != ModelStatus.Loaded)
        {
            return new(MeshStates.Moving(vmodel.TargetStatus, target), target.Status != ModelStatus.LoadingFailed);
        }

        try
        {
            await client.SetVModelAsync(name, model.ModelId, Owner, expectedTargetModelId: vmodel.TargetModelId, cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            return new(MeshStates.Moving(vmodel.TargetStatus, target), true);
        }

        Log.VModelMoved(logger, name, vmodel.TargetModelId, model.ModelId);
        if (MeshModelSpec.IsModelOf(vmodel.TargetModelId, name))
        {
            _retiring[name] = (vmodel.TargetModelId, time.GetUtcNow() + options.PollInterval);
        }

        return new(MeshStates.UpToDate(target), true);
    }

    /// <summary>The resource is gone (or no longer ours): its vmodel and models are unregistered.</summary>
    public async Task RemoveAsync(string name, string? lastModelId, CancellationToken cancellationToken)
    {
        var vmodel = await FindVModelAsync(name, cancellationToken);
        if (vmodel is not null && IsOurs(vmodel))
        {
            await IgnoreNotFoundAsync(client.DeleteVModelAsync(name, cancellationToken: cancellationToken));
            await UnregisterOwnAsync(name, vmodel.TargetModelId, cancellationToken);
        }

        if (_retiring.Remove(name, out var retiring))
        {
            await UnregisterOwnAsync(name, retiring.ModelId, cancellationToken);
        }

        if (lastModelId is not null)
        {
            await UnregisterOwnAsync(name, lastModelId, cancellationToken);
        }

        Log.Removed(logger, name);
    }

    /// <summary>
    /// After a full list: removes vmodels of ours whose resource is gone (a delete missed while not watching) and
    /// models <c>{name}__{hash}</c> of ours that are neither a live resource's target nor what its vmodel serves.
    /// </summary>
    public async Task CollectGarbageAsync(IReadOnlyDictionary<string, string?> desiredByName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desiredByName);
        var models = await client.ListModelsAsync(cancellationToken: cancellationToken);
        var byName = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var model in models.Models)
        {
            var cut = model.ModelId.LastIndexOf(MeshModelSpec.HashSeparator, StringComparison.Ordinal);
            if (cut > 0 && MeshModelSpec.IsModelOf(model.ModelId, model.ModelId[..cut]))
            {
                (byName.TryGetValue(model.ModelId[..cut], out var list) ? list : byName[model.ModelId[..cut]] = []).Add(model.ModelId);
            }
        }

        foreach (var (name, ids) in byName)
        {
            var vmodel = await FindVModelAsync(name, cancellationToken);
            if (vmodel is null || !IsOurs(vmodel))
            {
                continue;
            }

            if (!desiredByName.TryGetValue(name, out var desired))
            {
                await RemoveAsync(name, null, cancellationToken);
                foreach (var id in ids)
                {
                    await UnregisterOwnAsync(name, id, cancellationToken);
                }

                continue;
            }

            foreach (var id in ids.Where(id => id != desired && id != vmodel.TargetModelId && !(_retiring.TryGetValue(name, out var r) && r.ModelId == id)))
            {
                Log.Collected(logger, id);
                await UnregisterOwnAsync(name, id, cancellationToken);
            }
        }
    }

    private ReconcileOutcome Settled(ModelStatusInfo target, bool retiredPending) =>
        new(MeshStates.UpToDate(target), retiredPending || target.Status is ModelStatus.Loading or ModelStatus.NotFound or ModelStatus.Unspecified);

    /// <summary>Unregisters the name's old model once its grace has passed; true while one is still waiting.</summary>
    private async Task<bool> RetireDueAsync(string name, CancellationToken cancellationToken)
    {
        if (!_retiring.TryGetValue(name, out var retiring))
        {
            return false;
        }

        if (retiring.Due > time.GetUtcNow())
        {
            return true;
        }

        _retiring.Remove(name);
        await UnregisterOwnAsync(name, retiring.ModelId, cancellationToken);
        return false;
    }

    private async Task UnregisterOwnAsync(string name, string modelId, CancellationToken cancellationToken)
    {
        if (MeshModelSpec.IsModelOf(modelId, name))
        {
            await IgnoreNotFoundAsync(client.UnregisterModelAsync(modelId, cancellationToken: cancellationToken));
            Log.Unregistered(logger, modelId);
        }
    }

    private async Task<VModelStatusInfo?> FindVModelAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetVModelStatusAsync(name, cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    private bool IsOurs(VModelStatusInfo vmodel) => vmodel.Owner == Owner;

    private static async Task IgnoreNotFoundAsync(Task call)
    {
        try
        {
            await call;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
        }
    }

    private static RegisterModelRequest ToRequest(MeshModelSpec model) => new()
    {
        ModelId = model.ModelId,
        LoadNow = true,
        ModelInfo = new ModelInfo
        {
            Format = model.Format,
            StorageUri = model.StorageUri,
            StorageKey = model.StorageKey ?? "",
            SizeHintBytes = model.SizeHintBytes,
            DeviceClass = model.DeviceClass,
        },
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 810, Level = LogLevel.Information, Message = "vmodel {Name} now serves {ModelId}")]
        public static partial void VModelSet(ILogger logger, string name, string modelId);

        [LoggerMessage(EventId = 811, Level = LogLevel.Information, Message = "vmodel {Name} moved from {OldModelId} to {ModelId}")]
        public static partial void VModelMoved(ILogger logger, string name, string oldModelId, string modelId);

        [LoggerMessage(EventId = 812, Level = LogLevel.Information, Message = "unregistered model {ModelId}")]
        public static partial void Unregistered(ILogger logger, string modelId);

        [LoggerMessage(EventId = 813, Level = LogLevel.Information, Message = "removed vmodel {Name} and its models")]
        public static partial void Removed(ILogger logger, string name);

        [LoggerMessage(EventId = 814, Level = LogLevel.Warning, Message = "{Resource}: the mesh refused model {ModelId}: {Detail}")]
        public static partial void RegistrationRefused(ILogger logger, ResourceKey resource, string modelId, string detail);

        [LoggerMessage(EventId = 815, Level = LogLevel.Information, Message = "collected orphan model {ModelId}")]
        public static partial void Collected(ILogger logger, string modelId);
    }
}
