namespace ModelMesh.Silo;

/// <summary>
/// An ONNX Runtime Run blocks the .NET pool thread that calls it for the whole inference. With the pool's
/// default minimum (one thread per core), a few long runs on a small pod take every pool thread, and the
/// requests, health checks and heartbeats behind them wait for the pool's starvation injection (about one new
/// thread per half second). Each run limiter reserves its concurrent runs on top of the minimum, once per
/// process, so the threads that block in ORT are never the ones I/O needs.
/// </summary>
public static class ThreadPoolHeadroom
{
    private static readonly Lock Gate = new();
    private static int _reserved;

    /// <summary>Raises the pool's minimum worker threads by <paramref name="blockingThreads"/> (never lowers it).</summary>
    public static void Reserve(int blockingThreads)
    {
        if (blockingThreads <= 0)
        {
            return;
        }

        lock (Gate)
        {
            _reserved += blockingThreads;
            ThreadPool.GetMinThreads(out var workers, out var io);
            var wanted = Environment.ProcessorCount + _reserved;
            if (wanted > workers)
            {
                ThreadPool.SetMinThreads(wanted, io);
            }
        }
    }
}
