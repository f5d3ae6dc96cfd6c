using System.Diagnostics;

namespace ModelMesh.Benchmarks.Latency;

/// <summary>
/// Closed loop: N workers each issue requests back to back. Everything before the warm-up ends is discarded;
/// a request counts when it starts and finishes inside the measured window (each worker's last,
/// straddling request is dropped), so throughput = counted requests / window.
/// </summary>
public static class ClosedLoopRunner
{
    public static async Task<LatencySummary> RunAsync(
        IInferTarget target, int concurrency, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        var measureStart = now + ToTimestampTicks(warmup);
        var measureEnd = measureStart + ToTimestampTicks(duration);
        var workers = new Task<List<long>>[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            // LongRunning gives each worker its own thread, so synchronous targets (ORT Run) never starve the thread pool;
            // an asynchronous target moves to the pool at its first real await.
            workers[i] = Task.Factory.StartNew(
                () => WorkerAsync(target, measureStart, measureEnd, cancellationToken),
                cancellationToken,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).Unwrap();
        }

        var perWorker = await Task.WhenAll(workers);
        var samples = new long[perWorker.Sum(w => w.Count)];
        var offset = 0;
        foreach (var worker in perWorker)
        {
            worker.CopyTo(samples, offset);
            offset += worker.Count;
        }

        return LatencySummary.FromTimestampTicks(samples, duration);
    }

    private static async Task<List<long>> WorkerAsync(IInferTarget target, long measureStart, long measureEnd, CancellationToken cancellationToken)
    {
        var samples = new List<long>(capacity: 1 << 16);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = Stopwatch.GetTimestamp();
            if (start >= measureEnd)
            {
                return samples;
            }

            await target.InvokeAsync(cancellationToken).ConfigureAwait(false);
            var end = Stopwatch.GetTimestamp();
            if (start >= measureStart && end <= measureEnd)
            {
                samples.Add(end - start);
            }
        }
    }

    private static long ToTimestampTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
