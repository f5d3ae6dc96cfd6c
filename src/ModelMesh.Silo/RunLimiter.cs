using System.Diagnostics;
using ModelMesh.Metrics;

namespace ModelMesh.Silo;

/// <summary>
/// Bounds concurrent ONNX Runtime Run calls (about the core count; docs/architecture.md, Runtime): the runtime's global
/// thread pool is shared, so more concurrent Runs only add contention. Waiting callers queue here; the wait
/// (zero when a slot is free) feeds modelmesh_req_queue_delay_seconds. Each admitted Run blocks a pool thread,
/// so the limiter reserves that many threads of headroom in the pool (<see cref="ThreadPoolHeadroom"/>).
/// </summary>
public sealed class RunLimiter : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly MeshMetrics? _metrics;
    private readonly int _reservedThreads;

    public RunLimiter(int maxConcurrentRuns, MeshMetrics? metrics = null)
    {
        _slots = new SemaphoreSlim(Math.Max(1, maxConcurrentRuns));
        _metrics = metrics;
        _reservedThreads = Math.Max(1, maxConcurrentRuns);
        ThreadPoolHeadroom.Reserve(_reservedThreads);
    }

    public int Waiting => Volatile.Read(ref _waiting);

    private int _waiting;

    public async ValueTask<Slot> EnterAsync(CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            var started = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _waiting);
            try
            {
                await _slots.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }

            _metrics?.RequestQueued(Stopwatch.GetElapsedTime(started));
        }
        else
        {
            _metrics?.RequestQueued(TimeSpan.Zero);
        }

        return new Slot(_slots);
    }

    public void Dispose()
    {
        _slots.Dispose();
        ThreadPoolHeadroom.Release(_reservedThreads);
    }

    public readonly struct Slot(SemaphoreSlim slots) : IDisposable
    {
        public void Dispose() => slots.Release();
    }
}
