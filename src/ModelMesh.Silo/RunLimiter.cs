using System.Diagnostics;
using ModelMesh.Metrics;

namespace ModelMesh.Silo;

/// <summary>
/// Bounds concurrent ONNX Runtime Run calls (about the core count, DESIGN.md §7): the runtime's global
/// thread pool is shared, so more concurrent Runs only add contention. Waiting callers queue here; the wait
/// (zero when a slot is free) feeds modelmesh_req_queue_delay_seconds.
/// </summary>
public sealed class RunLimiter(int maxConcurrentRuns, MeshMetrics? metrics = null) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, maxConcurrentRuns));

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

            metrics?.RequestQueued(Stopwatch.GetElapsedTime(started));
        }
        else
        {
            metrics?.RequestQueued(TimeSpan.Zero);
        }

        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    public readonly struct Slot(SemaphoreSlim slots) : IDisposable
    {
        public void Dispose() => slots.Release();
    }
}
