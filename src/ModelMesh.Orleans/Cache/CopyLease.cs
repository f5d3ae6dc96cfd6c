using ModelMesh.Silo.Repository;

namespace ModelMesh.Orleans.Cache;

/// <summary>One request's hold on a loaded copy: the session stays alive and the copy is not evictable until disposed.</summary>
public readonly struct CopyLease : IDisposable
{
    private readonly CopyEntry _entry;

    internal CopyLease(CopyEntry entry, LoadedSession session)
    {
        _entry = entry;
        Session = session;
    }

    public LoadedSession Session { get; }

    public void Dispose()
    {
        Session.Release();
        _entry.ExitRequest();
    }
}
