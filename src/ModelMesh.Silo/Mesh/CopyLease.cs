using ModelMesh.Silo.Repository;

namespace ModelMesh.Silo.Mesh;

/// <summary>A request's hold on a loaded copy: the copy is not evicted and its session not freed until disposed.</summary>
public readonly struct CopyLease(CachedCopy copy, LoadedSession session) : IDisposable
{
    public CachedCopy Copy { get; } = copy;

    public LoadedSession Session { get; } = session;

    public void Dispose()
    {
        Session.Release();
        Copy.ExitRequest();
    }
}
