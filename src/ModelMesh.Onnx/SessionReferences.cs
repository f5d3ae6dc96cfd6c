namespace ModelMesh.Onnx;

/// <summary>
/// Keeps a native session alive while runs use it: the owner holds one reference, each Run one more, and the
/// session is freed (by <paramref name="release"/>) when the last is returned. After <see cref="Close"/>
/// no new reference is handed out.
/// </summary>
internal sealed class SessionReferences(Action release)
{
    private int count = 1;
    private int closed;

    /// <summary>Takes a reference; throws <see cref="ObjectDisposedException"/> once the owner has closed.</summary>
    public void Acquire()
    {
        while (true)
        {
            var seen = Volatile.Read(ref count);
            ObjectDisposedException.ThrowIf(seen == 0 || Volatile.Read(ref closed) != 0, typeof(OrtSession));

            if (Interlocked.CompareExchange(ref count, seen + 1, seen) == seen)
            {
                return;
            }
        }
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref count) == 0)
        {
            release();
        }
    }

    /// <summary>Drops the owner's reference (once); the session goes when the last run returns.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref closed, 1) == 0)
        {
            Release();
        }
    }
}
