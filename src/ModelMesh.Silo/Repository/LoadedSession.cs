using ModelMesh.Onnx;
using ModelMesh.Serving;

namespace ModelMesh.Silo.Repository;

/// <summary>
/// A loaded ONNX session shared by concurrent requests. Requests lease it; an unload retires it, and the
/// native session is released when the last lease ends, so an unload never frees memory a Run is using.
/// </summary>
public sealed class LoadedSession
{
    private readonly OrtSession _session;
    private readonly IDisposable? _file;
    private int _leases = 1; // the repository's own reference, dropped by Retire
    private int _retired;

    /// <param name="file">The model file's lease (a cached download): released with the session, so the file outlives it.</param>
    public LoadedSession(OrtSession session, IDisposable? file = null)
    {
        _session = session;
        _file = file;
        Signature = new ModelSignature(session.Inputs, session.Outputs);
    }

    public ModelSignature Signature { get; }

    public OrtSession Session => _session;

    /// <summary>Takes a lease; false once the session has been retired and released.</summary>
    public bool TryAcquire()
    {
        while (true)
        {
            var current = Volatile.Read(ref _leases);
            if (current == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _leases, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _leases) == 0)
        {
            _session.Dispose();
            _file?.Dispose();
        }
    }

    /// <summary>Drops the repository's reference; the session is freed when in-flight requests finish.</summary>
    public void Retire()
    {
        if (Interlocked.Exchange(ref _retired, 1) == 0)
        {
            Release();
        }
    }
}
