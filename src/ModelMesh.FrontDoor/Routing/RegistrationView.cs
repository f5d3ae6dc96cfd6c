using System.Collections.Concurrent;
using ModelMesh.Registry;

namespace ModelMesh.FrontDoor.Routing;

/// <summary>
/// This process's copy of the registrations (models and vmodels), kept current by <see cref="RegistrationSync"/>: name
/// resolution on the request path reads only this (no registry round trip on a warm request), and copies read it to
/// load a model. When the registry cannot be reached the view keeps its last good state (<see cref="Degraded"/>) and
/// serving goes on: loaded models answer and known models can still load.
/// </summary>
public sealed class RegistrationView
{
    private readonly ConcurrentDictionary<string, ModelRecord> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, VModelRecord> _vmodels = new(StringComparer.Ordinal);

    /// <summary>True while the registry cannot be reached: serving from the last good view.</summary>
    public bool Degraded { get; set; }

    /// <summary>True once a first snapshot has been applied.</summary>
    public bool Synced { get; private set; }

    public IEnumerable<ModelRecord> Models => _models.Values;

    /// <summary>A model left the registrations (unregistered here or elsewhere): this process unloads its copies.</summary>
    public event Action<string>? ModelRemoved;

    public IEnumerable<VModelRecord> VModels => _vmodels.Values;

    public void Apply(RegistrySnapshot snapshot)
    {
        var removed = _models.Keys.Except(snapshot.Models.Select(m => m.ModelId), StringComparer.Ordinal).ToList();
        Replace(_models, snapshot.Models, m => m.ModelId);
        foreach (var id in removed)
        {
            ModelRemoved?.Invoke(id);
        }

        Replace(_vmodels, snapshot.VModels, v => v.VModelId);
        Synced = true;
    }

    public void SetModel(string modelId, ModelRecord? model)
    {
        if (model is null)
        {
            if (_models.TryRemove(modelId, out _))
            {
                ModelRemoved?.Invoke(modelId);
            }
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

    public ModelRecord? FindModel(string modelId) => _models.GetValueOrDefault(modelId);

    public VModelRecord? FindVModel(string vmodelId) => _vmodels.GetValueOrDefault(vmodelId);

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
