using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;
using Grpc.Core;
using ModelMesh.Kubernetes.Reconcile;
using ModelMesh.Kubernetes.Resources;
using ModelMesh.Kubernetes.Status;
using ModelMesh.Kubernetes.StorageSecret;
using ModelMesh.Kubernetes.Watch;

namespace ModelMesh.Kubernetes;

/// <summary>
/// One leadership term of the controller: a list + watch per resource kind feeding a queue, and one worker that
/// reconciles each queued resource against the mesh and writes its status. Resources are re-queued every
/// <see cref="KubernetesControllerOptions.ResyncInterval"/>, and every poll interval while a load or a move is under way.
/// After every kind has been listed (and again after each re-list), registrations of resources that are gone are collected.
/// A resource's storage is checked against the namespace's storage-config Secret before it is registered (an unknown key
/// is InvalidSpec, not a refused registration); a change of the Secret re-queues every resource.
/// </summary>
public sealed partial class KubernetesController
{
    private readonly IKubernetes _kubernetes;
    private readonly MeshReconciler _reconciler;
    private readonly KubernetesControllerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResourceCache _cache = new();
    private readonly WorkQueue _queue;
    private readonly StatusWriter _status;
    private readonly StorageSecretWatcher _storageSecret;
    private readonly Dictionary<ResourceKey, string> _lastModelIds = [];
    private readonly HashSet<ResourceKind> _listed = [];
    private readonly Lock _lock = new();
    private bool _collectPending;

    public KubernetesController(IKubernetes kubernetes, MeshReconciler reconciler, KubernetesControllerOptions options, TimeProvider time, ILogger<KubernetesController> logger)
    {
        _kubernetes = kubernetes;
        _reconciler = reconciler;
        _options = options;
        _time = time;
        _logger = logger;
        _queue = new WorkQueue(time);
        _status = new StatusWriter(kubernetes, options.Namespace);
        _storageSecret = new StorageSecretWatcher(kubernetes, options, time, logger, RequeueAll);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var tasks = ResourceKind.All
            .Select(kind => new ResourceWatcher(_kubernetes, kind, _cache, _queue, _options, _time, _logger, OnListed).RunAsync(cancellationToken))
            .Append(_storageSecret.RunAsync(cancellationToken))
            .Append(ResyncAsync(cancellationToken))
            .Append(WorkAsync(cancellationToken))
            .ToList();
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void OnListed(ResourceKind kind)
    {
        lock (_lock)
        {
            _listed.Add(kind);
            _collectPending = true;
        }
    }

    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(_options.ResyncInterval, _time, cancellationToken);
            RequeueAll();
        }
    }

    private void RequeueAll()
    {
        foreach (var resource in _cache.Live)
        {
            _queue.Add(resource.Key);
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        // Storage keys are checked against the Secret, so nothing is reconciled before it has been read once.
        await _storageSecret.FirstRead.WaitAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            var key = await _queue.TakeAsync(cancellationToken);
            try
            {
                await CollectIfDueAsync(cancellationToken);
                await ProcessAsync(key, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                if (e is RpcException or HttpOperationException or HttpRequestException or IOException)
                {
                    Log.ReconcileFailed(_logger, key, e.Message);
                }
                else
                {
                    Log.ReconcileCrashed(_logger, key, e);
                }

                _queue.AddAfter(key, _options.ErrorBackoff, cancellationToken);
            }
        }
    }

    private async Task ProcessAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        if (!_cache.TryGet(key, out var resource))
        {
            if (_cache.TakeDeleted(key, out var deleted))
            {
                await RemoveAsync(key, deleted, cancellationToken);
            }

            return;
        }

        var spec = key.Kind.Map(resource);
        if (spec.IsIgnored)
        {
            if (_lastModelIds.ContainsKey(key))
            {
                await RemoveAsync(key, resource, cancellationToken);
            }

            return;
        }

        if (spec.Model is { } wanted && _storageSecret.Current.Check(wanted) is { } storageError)
        {
            Log.StorageRefused(_logger, key, storageError);
            spec = ModelSpecResult.Invalid(storageError);
        }

        var outcome = await _reconciler.ReconcileAsync(resource, spec, cancellationToken);
        if (spec.Model is { } model)
        {
            _lastModelIds[key] = model.ModelId;
        }

        var context = new StatusContext(_options.EffectiveGrpcEndpoint, _options.EffectiveHttpEndpoint, _time.GetUtcNow());
        var (result, updated) = await _status.WriteAsync(resource, key.Kind.Render(outcome.State, resource, context), cancellationToken);
        switch (result)
        {
            case StatusWriter.Result.Written:
                Log.StatusWritten(_logger, key, outcome.State.ActiveModelState, outcome.State.TransitionStatus);
                if (_cache.TryGet(key, out var current) && current.ResourceVersion == resource.ResourceVersion)
                {
                    _cache.Upsert(updated!);
                }

                break;
            case StatusWriter.Result.Conflict:
                Log.StatusConflict(_logger, key);
                if (await _status.ReadAsync(key, cancellationToken) is { } fresh)
                {
                    _cache.Upsert(fresh);
                }

                _queue.Add(key);
                return;
        }

        if (outcome.Requeue)
        {
            _queue.AddAfter(key, _options.PollInterval, cancellationToken);
        }
    }

    private async Task RemoveAsync(ResourceKey key, KubeResource last, CancellationToken cancellationToken)
    {
        _lastModelIds.Remove(key, out var lastModelId);
        lastModelId ??= key.Kind.Map(last).Model?.ModelId;
        await _reconciler.RemoveAsync(key.Name, lastModelId, cancellationToken);
    }

    private async Task CollectIfDueAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_collectPending || _listed.Count < ResourceKind.All.Count)
            {
                return;
            }

            _collectPending = false;
        }

        var desired = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var resource in _cache.Live)
        {
            var spec = resource.Kind.Map(resource);
            if (!spec.IsIgnored)
            {
                desired[resource.Name] = spec.Model?.ModelId ?? _lastModelIds.GetValueOrDefault(resource.Key);
            }
        }

        await _reconciler.CollectGarbageAsync(desired, cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 820, Level = LogLevel.Information, Message = "{Resource}: status {ActiveModelState} / {TransitionStatus}")]
        public static partial void StatusWritten(ILogger logger, ResourceKey resource, string activeModelState, string transitionStatus);

        [LoggerMessage(EventId = 821, Level = LogLevel.Information, Message = "{Resource}: status write conflicted (409), reconciling the newer object")]
        public static partial void StatusConflict(ILogger logger, ResourceKey resource);

        [LoggerMessage(EventId = 822, Level = LogLevel.Warning, Message = "{Resource}: reconcile failed, retrying: {Error}")]
        public static partial void ReconcileFailed(ILogger logger, ResourceKey resource, string error);

        [LoggerMessage(EventId = 824, Level = LogLevel.Information, Message = "{Resource}: storage refused before registration: {Reason}")]
        public static partial void StorageRefused(ILogger logger, ResourceKey resource, string reason);

        [LoggerMessage(EventId = 823, Level = LogLevel.Error, Message = "{Resource}: reconcile failed unexpectedly, retrying")]
        public static partial void ReconcileCrashed(ILogger logger, ResourceKey resource, Exception error);
    }
}
