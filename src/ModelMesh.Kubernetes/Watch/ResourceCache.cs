using System.Collections.Concurrent;
using ModelMesh.Kubernetes.Resources;

namespace ModelMesh.Kubernetes.Watch;

/// <summary>
/// The controller's view of the namespace (an informer's store): the newest object of every resource seen by list or
/// watch, and the last object of each deleted one until its removal from the mesh is done.
/// </summary>
internal sealed class ResourceCache
{
    private readonly ConcurrentDictionary<ResourceKey, KubeResource> _live = new();
    private readonly ConcurrentDictionary<ResourceKey, KubeResource> _deleted = new();

    public IEnumerable<KubeResource> Live => _live.Values;

    public bool TryGet(ResourceKey key, out KubeResource resource) => _live.TryGetValue(key, out resource!);

    public void Upsert(KubeResource resource)
    {
        _live[resource.Key] = resource;
        _deleted.TryRemove(resource.Key, out _);
    }

    public void Delete(KubeResource resource)
    {
        _live.TryRemove(resource.Key, out _);
        _deleted[resource.Key] = resource;
    }

    public bool TakeDeleted(ResourceKey key, out KubeResource resource) => _deleted.TryRemove(key, out resource!);

    /// <summary>After a list of <paramref name="kind"/>: what the list holds replaces the cache; what it lacks was deleted.</summary>
    public IReadOnlyList<ResourceKey> Replace(ResourceKind kind, IReadOnlyList<KubeResource> listed)
    {
        var names = listed.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var changed = new List<ResourceKey>();
        foreach (var gone in _live.Values.Where(r => r.Kind == kind && !names.Contains(r.Name)).ToList())
        {
            Delete(gone);
            changed.Add(gone.Key);
        }

        foreach (var resource in listed)
        {
            Upsert(resource);
            changed.Add(resource.Key);
        }

        return changed;
    }
}
