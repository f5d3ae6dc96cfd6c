using System.Diagnostics;
using ModelMesh.LoadGen.Recording;
using ModelMesh.LoadGen.Targets;

namespace ModelMesh.LoadGen.Load;

/// <summary>
/// Offers the load. Open loop: a dedicated thread sends request i at its intended time (<see cref="OpenLoopSchedule"/>)
/// whether or not earlier ones finished, up to MaxInFlight outstanding (past that it waits, and the wait is charged
/// to the requests, since latency runs from the intended time). Closed loop: N workers send back to back; latency runs
/// from each send. All times are offsets from <see cref="Start"/>; the measured window begins after the warm-up.
/// </summary>
public sealed class LoadDriver(IInferenceTarget target, IReadOnlyList<PreparedInput> inputs, ModelPicker picker, RunRecorder recorder, LoadOptions options)
{
    private long _startTimestamp;
    private long _sent;
    private long _inFlight;

    public long Sent => Interlocked.Read(ref _sent);

    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Time since the run (warm-up included) began.</summary>
    public TimeSpan Elapsed => _startTimestamp == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_startTimestamp);

    /// <summary>Time since the measured window began (negative during warm-up).</summary>
    public TimeSpan MeasuredElapsed => Elapsed - options.Warmup;

    public async Task RunAsync(Action onStarted, CancellationToken cancellationToken)
    {
        _startTimestamp = Stopwatch.GetTimestamp();
        onStarted();
        if (options.Mode == LoadMode.Open)
        {
            await RunOpenAsync(cancellationToken);
        }
        else
        {
            await RunClosedAsync(cancellationToken);
        }
    }

    private async Task RunOpenAsync(CancellationToken cancellationToken)
    {
        var schedule = new OpenLoopSchedule(options.Rate);
        var total = schedule.CountIn(options.Warmup + options.Duration);
        using var slots = new SemaphoreSlim(options.MaxInFlight, options.MaxInFlight);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new Thread(() =>
        {
            try
            {
                Dispatch(schedule, total, slots, cancellationToken);
                done.SetResult();
            }
            catch (OperationCanceledException)
            {
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        { IsBackground = true, Name = "loadgen-dispatch", Priority = ThreadPriority.AboveNormal };
        dispatcher.Start();
        await done.Task;
        await DrainAsync(slots, options.MaxInFlight);
    }

    private void Dispatch(OpenLoopSchedule schedule, long total, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        long next = 0;
        while (next < total && !cancellationToken.IsCancellationRequested)
        {
            var due = Math.Min(schedule.DueBy(Elapsed), total);
            while (next < due)
            {
                slots.Wait(cancellationToken);
                _ = SendAsync(schedule.IntendedOffset(next), slots, cancellationToken);
                next++;
            }

            var wait = schedule.IntendedOffset(next) - Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1.5))
            {
                Thread.Sleep(wait - TimeSpan.FromMilliseconds(0.5));
            }
            else if (wait > TimeSpan.Zero)
            {
                Thread.Yield();
            }
        }
    }

    private async Task RunClosedAsync(CancellationToken cancellationToken)
    {
        var end = options.Warmup + options.Duration;
        var workers = new Task[options.Concurrency];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(
                async () =>
                {
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        var intended = Elapsed;
                        if (intended >= end)
                        {
                            return;
                        }

                        await SendAsync(intended, null, cancellationToken);
                    }
                },
                CancellationToken.None);
        }

        await Task.WhenAll(workers);
    }

    private async Task SendAsync(TimeSpan intended, SemaphoreSlim? slot, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sent);
        Interlocked.Increment(ref _inFlight);
        try
        {
            var input = inputs[picker.Next()];
            string? error;
            try
            {
                error = await target.SendAsync(input, options.Deadline, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                error = "CLIENT_" + ex.GetType().Name;
            }

            var latency = OpenLoopSchedule.CorrectedLatency(intended, Elapsed);
            recorder.Record(intended - options.Warmup, latency, error);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            slot?.Release();
        }
    }

    private static async Task DrainAsync(SemaphoreSlim slots, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await slots.WaitAsync();
        }
    }
}
