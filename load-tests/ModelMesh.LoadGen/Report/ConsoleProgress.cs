using System.Globalization;
using ModelMesh.LoadGen.Load;
using ModelMesh.LoadGen.Recording;

namespace ModelMesh.LoadGen.Report;

/// <summary>One console line a second: phase, elapsed, requests sent, completions/s over the last second, p99 so far, errors, in flight.</summary>
public sealed class ConsoleProgress(LoadDriver driver, RunRecorder recorder, TextWriter output)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        long lastDone = 0;
        long lastWarm = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var done = recorder.Completed + recorder.Failed;
                var warm = recorder.WarmupRequests;
                var rate = (done - lastDone) + (warm - lastWarm);
                lastDone = done;
                lastWarm = warm;
                var elapsed = driver.MeasuredElapsed;
                var phase = elapsed < TimeSpan.Zero ? "warm-up" : "measure";
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"[{phase} {elapsed.TotalSeconds,6:0.0}s] sent {driver.Sent,8}  done/s {rate,6}  p99 {recorder.Overall.ValueAtPercentile(99) / 1000.0,8:0.00} ms  errors {recorder.Failed,6}  in flight {driver.InFlight,5}"));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
