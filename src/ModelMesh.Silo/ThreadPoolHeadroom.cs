namespace ModelMesh.Silo;

/// <summary>
/// An ONNX Runtime Run blocks the .NET pool thread that calls it for the whole inference. With the pool's
/// default minimum (one thread per core), a few long runs on a small pod take every pool thread, and the
/// requests, health checks and heartbeats behind them wait for the pool's starvation injection (about one new
/// thread per half second). Each run limiter reserves its concurrent runs on top of the minimum while it lives
/// (a dev process or a test restarts silos: reservations are returned, so the minimum does not creep up).
/// </summary>
public static class ThreadPoolHeadroom
{
    private static readonly Lock Gate = new();
    private static int _reserved;
    private static int _baseWorkers = -1;

    /// <summary>Raises the pool's minimum worker threads by <paramref name="blockingThreads"/>; pair with <see cref="Release"/>.</summary>
    public static void Reserve(int blockingThreads) => Adjust(Math.Max(0, blockingThreads));

    /// <summary>Returns a reservation; the minimum goes back down, never below what it was before the first one.</summary>
    public static void Release(int blockingThreads) => Adjust(-Math.Max(0, blockingThreads));

    private static void Adjust(int delta)
    {
        if (delta == 0)
        {
            return;
        }

        lock (Gate)
        {
            ThreadPool.GetMinThreads(out var workers, out var io);
            if (_baseWorkers < 0)
            {
                _baseWorkers = workers;
            }

            _reserved = Math.Max(0, _reserved + delta);
            var wanted = Math.Max(_baseWorkers, Environment.ProcessorCount + _reserved);
            if (wanted != workers)
            {
                ThreadPool.SetMinThreads(wanted, io);
            }
        }
    }
}
