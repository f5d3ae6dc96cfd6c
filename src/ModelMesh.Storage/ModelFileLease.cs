namespace ModelMesh.Storage;

/// <summary>
/// A model file the caller may read until it disposes the lease: a cached download is never deleted while a lease on it
/// is held (a loaded model holds its lease until it is unloaded). Local files (file://, pvc://) need no lease.
/// </summary>
public sealed class ModelFileLease : IDisposable
{
    private Action? _release;

    internal ModelFileLease(string path, long sizeBytes, bool downloaded, Action? release)
    {
        Path = path;
        SizeBytes = sizeBytes;
        Downloaded = downloaded;
        _release = release;
    }

    public string Path { get; }

    public long SizeBytes { get; }

    /// <summary>True when the file is a copy in the model cache (not the registrant's own file).</summary>
    public bool Downloaded { get; }

    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
