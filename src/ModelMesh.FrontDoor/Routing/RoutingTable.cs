using System.Collections.Concurrent;
using ModelMesh.Registry;

namespace ModelMesh.FrontDoor.Routing;

/// <summary>
/// The front door's local view of the registry, kept current by <see cref="RoutingTableSync"/>.
/// Keeps registry invariants 2 and 3 on the read side: a copy counts only while its silo holds a live
/// lease of the same epoch. Invariant 7: when the registry is unreachable the table keeps its last good
/// view (<see cref="Degraded"/> is set) and the front door keeps serving the models it knows.
/// </summary>
public sealed class RoutingTable
{
    private readonly ConcurrentDictionary<string, ModelRecord> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, VModelRecord> _vmodels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ModelRoute> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _suspects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string SiloId, string ModelId), CopyRecord> _loading = new();
    private readonly ConcurrentDictionary<string, SiloRecord> _full = new(StringComparer.Ordinal);
    private volatile IReadOnlyDictionary<string, SiloRecord> _silos = new Dictionary<string, SiloRecord>();

    /// <summary>True while the registry cannot be reached: serving from the last good view.</summary>
    public bool Degraded { get; set; }

    /// <summary>True once a first snapshot has been applied.</summary>
    public bool Synced { get; private set; }

    public IReadOnlyDictionary<string, SiloRecord> Silos => _silos;

    public IEnumerable<ModelRecord> Models => _models.Values;

    public void Apply(RegistrySnapshot snapshot)
    {
        Replace(_models, snapshot.Models, m => m.ModelId);
        Replace(_vmodels, snapshot.VModels, v => v.VModelId);
        SetSilos(snapshot.Silos);
        var byModel = snapshot.Copies.GroupBy(c => c.ModelId).ToDictionary(g => g.Key, g => (IReadOnlyList<CopyRecord>)[.. g]);
        foreach (var id in _routes.Keys)
        {
            if (!byModel.ContainsKey(id))
            {
                SetCopies(id, []);
            }
        }

        foreach (var (id, copies) in byModel)
        {
            SetCopies(id, copies);
        }

        Synced = true;
    }

    public void SetModel(string modelId, ModelRecord? model)
    {
        if (model is null)
        {
            _models.TryRemove(modelId, out _);
        }
        else
        {
            _models[modelId] = model;
        }
    }

    public void SetVModel(string vmodelId, VModelRecord? vmodel)
    {
        if (vmodel is null)
        {
            _vmodels.TryRemove(vmodelId, out _);
        }
        else
        {
            _vmodels[vmodelId] = vmodel;
        }
    }

    public void SetSilos(IReadOnlyList<SiloRecord> silos)
    {
        var byId = silos.ToDictionary(s => s.SiloId, StringComparer.Ordinal);
        _silos = byId;
        foreach (var id in _full.Keys)
        {
            if (!byId.ContainsKey(id))
            {
                _full.TryRemove(id, out _);
            }
        }
    }

    /// <summary>Replaces the model's copy records, keeping the index of loading copies in step.</summary>
    public void SetCopies(string modelId, IReadOnlyList<CopyRecord> copies)
    {
        var route = Route(modelId);
        lock (route)
        {
            foreach (var old in route.Copies)
            {
                if (old.State == CopyState.Loading)
                {
                    _loading.TryRemove((old.SiloId, modelId), out _);
                }
            }

            route.Copies = copies;
            route.CopiesVersion++;
            foreach (var copy in copies)
            {
                if (copy.State == CopyState.Loading)
                {
                    _loading[(copy.SiloId, modelId)] = copy;
                }
            }
        }
    }

    /// <summary>
    /// A call to the model just succeeded on <paramref name="silo"/>, so a copy is loaded there, whatever the registry
    /// stream has delivered so far: the local view says so at once (ModelReady right after a first inference is true).
    /// Only when the registry replaced none of the model's copy records since the call began
    /// (<paramref name="copiesVersionAtStart"/>): a registry view delivered meanwhile is as new or newer (it may
    /// already say the copy was unloaded again), and the registry wins; never for a draining silo, which is about to drop
    /// its copies. The next copy records from the registry
    /// replace this entry; only the silo writes the registry's record.
    /// </summary>
    public void ObserveServed(string modelId, SiloRecord silo, long copiesVersionAtStart, DateTimeOffset now)
    {
        var route = Route(modelId);
        lock (route)
        {
            if (route.CopiesVersion != copiesVersionAtStart || silo.State != SiloState.Active)
            {
                return;
            }

            var copies = route.Copies;
            foreach (var copy in copies)
            {
                if (copy.SiloId == silo.SiloId && copy.Epoch == silo.Epoch && copy.State == CopyState.Loaded)
                {
                    return;
                }
            }

            var served = new CopyRecord { ModelId = modelId, SiloId = silo.SiloId, Epoch = silo.Epoch, State = CopyState.Loaded, Since = now };
            var updated = new List<CopyRecord>(copies.Count + 1) { served };
            foreach (var copy in copies)
            {
                if (copy.SiloId != silo.SiloId)
                {
                    updated.Add(copy);
                }
            }

            _loading.TryRemove((silo.SiloId, modelId), out _);
            route.Copies = updated;
        }
    }

    /// <summary>Copies the registry shows loading on live silos (any front door's loads, and spare copies).</summary>
    public IEnumerable<CopyRecord> LoadingCopies()
    {
        foreach (var copy in _loading.Values)
        {
            if (LiveSilo(copy) is not null)
            {
                yield return copy;
            }
        }
    }

    public ModelRecord? FindModel(string modelId) => _models.GetValueOrDefault(modelId);

    public VModelRecord? FindVModel(string vmodelId) => _vmodels.GetValueOrDefault(vmodelId);

    public IEnumerable<VModelRecord> VModels => _vmodels.Values;

    public ModelRoute Route(string modelId) => _routes.GetOrAdd(modelId, _ => new ModelRoute());

    /// <summary>The copy's silo, when it holds a live lease of the copy's epoch (invariants 2 and 3).</summary>
    public SiloRecord? LiveSilo(CopyRecord copy) =>
        _silos.TryGetValue(copy.SiloId, out var silo) && silo.Epoch == copy.Epoch ? silo : null;

    /// <summary>
    /// The silo refused a plain load for want of room (ABORTED): its published record overstates what it can take.
    /// Until it publishes different device numbers, placement offers it only last-resort loads, so the next misses
    /// do not each bounce off it first.
    /// </summary>
    public void MarkFull(SiloRecord silo) => _full[silo.SiloId] = silo;

    /// <summary>True while the silo's current record shows the same devices as when it refused a load for want of room.</summary>
    public bool IsFull(string siloId) =>
        _full.TryGetValue(siloId, out var marked) && _silos.TryGetValue(siloId, out var current)
        && marked.Epoch == current.Epoch && marked.Devices.SequenceEqual(current.Devices);

    public void MarkSuspect(string siloId, DateTimeOffset until) => _suspects[siloId] = until;

    public bool IsSuspect(string siloId, DateTimeOffset now) =>
        _suspects.TryGetValue(siloId, out var until) && until > now;

    private static void Replace<T>(ConcurrentDictionary<string, T> target, IReadOnlyList<T> items, Func<T, string> key)
    {
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var k = key(item);
            keep.Add(k);
            target[k] = item;
        }

        foreach (var k in target.Keys)
        {
            if (!keep.Contains(k))
            {
                target.TryRemove(k, out _);
            }
        }
    }
}
