using System.Collections.Concurrent;
using ModelMesh.Registry;

namespace ModelMesh.FrontDoor.Routing;

/// <summary>
/// This process's copy of the registrations (models and vmodels), kept current by <see cref="RegistrationSync"/>: name
/// resolution on the request path reads only this (no registry round trip on a warm request), and copies read it to
/// load a model. When the registry cannot be reached the view keeps its last good state (<see cref="Degraded"/>) and
/// serving goes on: loaded models answer and known models can still load. Names the registry was just asked about and
/// did not know are remembered for <see cref="MissingTtl"/> (cleared at once when the model's registration arrives),
/// so a stream of requests for an unknown name costs one registry read a second, not one per request.
/// </summary>
public sealed class RegistrationView
{
    /// <summary>How long a name the registry did not know is answered NOT_FOUND from memory (unless its registration arrives first).</summary>
    public static readonly TimeSpan MissingTtl = TimeSpan.FromSeconds(1);

    private const int MaxMissing = 10_000;
    private readonly ConcurrentDictionary<string, ModelRecord> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, VModelRecord> _vmodels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _missing = new(StringComparer.Ordinal);

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
        _missing.Clear();
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
            _missing.TryRemove(modelId, out _);
        }
    }

    /// <summary>True when the registry said it did not know <paramref name="modelId"/> less than <see cref="MissingTtl"/> ago.</summary>
    public bool RecentlyMissing(string modelId, DateTimeOffset now) =>
        _missing.TryGetValue(modelId, out var at) && now - at < MissingTtl;

    /// <summary>Remembers that the registry did not know <paramref name="modelId"/> (bounded: a flood of random names resets the memory).</summary>
    public void NoteMissing(string modelId, DateTimeOffset now)
    {
        if (_missing.Count >= MaxMissing)
        {
            _missing.Clear();
        }

        _missing[modelId] = now;
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
