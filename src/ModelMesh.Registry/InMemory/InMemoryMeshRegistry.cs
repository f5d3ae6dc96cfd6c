namespace ModelMesh.Registry;

/// <summary>
/// The embedded registry (dev mode, tests): the same semantics as the Redis registry, kept under one lock.
/// Every mutation appends an event to a bounded log that <see cref="WatchAsync"/> follows. Models and vmodels
/// are here; the snapshot and the change stream in the other part of this partial class.
/// </summary>
public sealed partial class InMemoryMeshRegistry : IMeshRegistry
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly InMemoryEventLog _events;
    private readonly Dictionary<string, ModelRecord> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VModelRecord> _vmodels = new(StringComparer.Ordinal);

    public InMemoryMeshRegistry(TimeProvider? timeProvider = null, InMemoryRegistryOptions? options = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _events = new InMemoryEventLog((options ?? new InMemoryRegistryOptions()).MaxEvents);
    }

    public Task PingAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<RegisterResult> RegisterModelAsync(ModelRecord model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        lock (_gate)
        {
            if (_models.TryGetValue(model.ModelId, out var stored))
            {
                var outcome = stored.SameAttributes(model) ? RegisterOutcome.Unchanged : RegisterOutcome.Conflict;
                return Task.FromResult(new RegisterResult(outcome, stored));
            }

            var created = model.RegisteredAt == default ? model with { RegisteredAt = _time.GetUtcNow() } : model;
            _models[model.ModelId] = created;
            _events.Append(RegistryEventKind.ModelRegistered, model.ModelId);
            return Task.FromResult(new RegisterResult(RegisterOutcome.Created, created));
        }
    }

    public Task<bool> UnregisterModelAsync(string modelId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_models.Remove(modelId))
            {
                return Task.FromResult(false);
            }

            _events.Append(RegistryEventKind.ModelUnregistered, modelId);
            return Task.FromResult(true);
        }
    }

    public Task<ModelRecord?> GetModelAsync(string modelId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_models.GetValueOrDefault(modelId));
        }
    }

    public Task<IReadOnlyList<ModelRecord>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ModelRecord>>([.. _models.Values]);
        }
    }

    public Task<bool> SetVModelAsync(VModelRecord vmodel, string? expectedTargetModelId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vmodel);
        lock (_gate)
        {
            if (expectedTargetModelId is not null
                && (!_vmodels.TryGetValue(vmodel.VModelId, out var current) || current.TargetModelId != expectedTargetModelId))
            {
                return Task.FromResult(false);
            }

            _vmodels[vmodel.VModelId] = vmodel;
            _events.Append(RegistryEventKind.VModelChanged, vmodel.VModelId);
            return Task.FromResult(true);
        }
    }

    public Task<bool> DeleteVModelAsync(string vmodelId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_vmodels.Remove(vmodelId))
            {
                return Task.FromResult(false);
            }

            _events.Append(RegistryEventKind.VModelDeleted, vmodelId);
            return Task.FromResult(true);
        }
    }

    public Task<VModelRecord?> GetVModelAsync(string vmodelId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_vmodels.GetValueOrDefault(vmodelId));
        }
    }

    public Task<IReadOnlyList<VModelRecord>> ListVModelsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<VModelRecord>>([.. _vmodels.Values]);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
