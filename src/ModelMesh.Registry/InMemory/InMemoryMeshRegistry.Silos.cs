namespace ModelMesh.Registry;

/// <summary>
/// Silo leases and copy records (invariants 1-3). A lease is live while its expiry lies ahead on the
/// <see cref="TimeProvider"/> clock. Whoever lists silos prunes expired leases, deletes the copy records of
/// those silos (no live lease of any epoch means none of them is real) and emits SiloRemoved, so routers
/// learn of a silent death. A live silo that lost its lease gets false from PutSilo and republishes.
/// </summary>
public sealed partial class InMemoryMeshRegistry
{
    private readonly Dictionary<string, (SiloRecord Silo, DateTimeOffset ExpiresAt)> _silos = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, CopyRecord>> _copies = new(StringComparer.Ordinal);

    public Task<bool> PutSiloAsync(SiloRecord silo, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silo);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var refreshed = _silos.TryGetValue(silo.SiloId, out var current)
                && current.ExpiresAt > now
                && current.Silo.Epoch == silo.Epoch;
            _silos[silo.SiloId] = (silo, now + lease);
            _events.Append(RegistryEventKind.SiloChanged, silo.SiloId);
            return Task.FromResult(refreshed);
        }
    }

    public Task RemoveSiloAsync(string siloId, long epoch, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_silos.TryGetValue(siloId, out var current)
                && (current.Silo.Epoch == epoch || current.ExpiresAt <= _time.GetUtcNow()))
            {
                _silos.Remove(siloId);
                _events.Append(RegistryEventKind.SiloRemoved, siloId);
            }

            RemoveCopiesOfSilo(siloId, epoch);
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<SiloRecord>> ListSilosAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<SiloRecord>>(LiveSilosPruning());
        }
    }

    public Task PutCopyAsync(CopyRecord copy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(copy);
        lock (_gate)
        {
            if (!_copies.TryGetValue(copy.ModelId, out var bySilo))
            {
                _copies[copy.ModelId] = bySilo = new Dictionary<string, CopyRecord>(StringComparer.Ordinal);
            }

            bySilo[copy.SiloId] = copy;
            _events.Append(RegistryEventKind.CopyChanged, copy.ModelId, copy.SiloId);
            return Task.CompletedTask;
        }
    }

    public Task RemoveCopyAsync(string modelId, string siloId, long epoch, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_copies.TryGetValue(modelId, out var bySilo)
                && bySilo.TryGetValue(siloId, out var copy)
                && copy.Epoch == epoch)
            {
                RemoveCopy(modelId, siloId, bySilo);
            }

            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<CopyRecord>> GetCopiesAsync(string modelId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<CopyRecord> copies = _copies.TryGetValue(modelId, out var bySilo) ? [.. bySilo.Values] : [];
            return Task.FromResult(copies);
        }
    }

    /// <summary>Live silos; expired leases are dropped with their copies and a SiloRemoved event. Caller holds the lock.</summary>
    private List<SiloRecord> LiveSilosPruning()
    {
        var now = _time.GetUtcNow();
        var live = new List<SiloRecord>(_silos.Count);
        List<string>? expired = null;
        foreach (var (id, entry) in _silos)
        {
            if (entry.ExpiresAt > now)
            {
                live.Add(entry.Silo);
            }
            else
            {
                (expired ??= []).Add(id);
            }
        }

        foreach (var id in expired ?? [])
        {
            _silos.Remove(id);
            _events.Append(RegistryEventKind.SiloRemoved, id);
            RemoveCopiesOfSilo(id, epoch: null);
        }

        return live;
    }

    /// <summary>Removes the silo's copy records of <paramref name="epoch"/> (all epochs when null). Caller holds the lock.</summary>
    private void RemoveCopiesOfSilo(string siloId, long? epoch)
    {
        List<string>? models = null;
        foreach (var (modelId, bySilo) in _copies)
        {
            if (bySilo.TryGetValue(siloId, out var copy) && (epoch is null || copy.Epoch == epoch))
            {
                (models ??= []).Add(modelId);
            }
        }

        foreach (var modelId in models ?? [])
        {
            RemoveCopy(modelId, siloId, _copies[modelId]);
        }
    }

    private void RemoveCopy(string modelId, string siloId, Dictionary<string, CopyRecord> bySilo)
    {
        bySilo.Remove(siloId);
        if (bySilo.Count == 0)
        {
            _copies.Remove(modelId);
        }

        _events.Append(RegistryEventKind.CopyRemoved, modelId, siloId);
    }
}
