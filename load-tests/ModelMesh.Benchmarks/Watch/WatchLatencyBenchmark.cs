using System.Collections.Concurrent;
using System.Diagnostics;
using ModelMesh.Benchmarks.Common;
using ModelMesh.Benchmarks.Latency;
using ModelMesh.Registry;
using ModelMesh.Testing.Redis;

namespace ModelMesh.Benchmarks.Watch;

/// <summary>
/// Watch latency: how long after a registry write starts a watcher of another registry instance (its own
/// connections, as a front door watching a silo's writes) sees the event. One writer registers models one at a time;
/// after the watcher has seen each one it waits the gap, so with a gap the watcher is idle (waiting for new entries)
/// when the next write comes, and without one it is still busy with the previous read. The first events are a warm-up.
/// </summary>
public static class WatchLatencyBenchmark
{
    public const string Method = "writer instance registers model i (timer starts before the call) -> watcher instance (own connections) yields ModelRegistered i (timer stops) -> wait the gap -> next";

    private const int WarmUp = 50;

    public static async Task<WatchLatencyReport> RunAsync(string? registrySpec, int events, IReadOnlyList<double> gapsMs, TextWriter progress, CancellationToken cancellationToken)
    {
        using var server = registrySpec is null ? RedisServer.Start() : null;
        var spec = registrySpec ?? server!.Url;
        var machine = MachineInfo.Capture("n/a");
        var startedAt = DateTimeOffset.UtcNow;
        var loadAtStart = MachineInfo.ReadLoadAverage();
        progress.WriteLine($"Machine: {machine}; load average {loadAtStart}; registry {RedactedSpec(spec)}");
        var rows = new List<WatchLatencyRow>();
        foreach (var gap in gapsMs)
        {
            var row = await RunGapAsync(spec, events, gap, cancellationToken);
            progress.WriteLine($"  gap {gap,5:F1} ms: watch p50 {row.WatchMs.Median:F3} ms, p99 {row.WatchMs.P99:F3} ms; write p50 {row.WriteMs.Median:F3} ms");
            rows.Add(row);
        }

        return new WatchLatencyReport(machine, RedactedSpec(spec), events, Method, startedAt, loadAtStart, MachineInfo.ReadLoadAverage(), rows);
    }

    private static async Task<WatchLatencyRow> RunGapAsync(string spec, int events, double gapMs, CancellationToken cancellationToken)
    {
        var prefix = $"bench-watch-{Guid.NewGuid():N}:";
        await using var writer = RegistryFactory.Create(spec, configureRedis: o => o.KeyPrefix = prefix);
        await using var watcher = spec == "memory" ? writer : RegistryFactory.Create(spec, configureRedis: o => o.KeyPrefix = prefix);
        var seen = new ConcurrentDictionary<string, TaskCompletionSource<long>>(StringComparer.Ordinal);
        TaskCompletionSource<long> Slot(string id) => seen.GetOrAdd(id, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

        var position = (await watcher.GetSnapshotAsync(cancellationToken)).StreamPosition;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = Task.Run(
            async () =>
            {
                await foreach (var evt in watcher.WatchAsync(position, stop.Token))
                {
                    if (evt.Kind == RegistryEventKind.ModelRegistered)
                    {
                        Slot(evt.Key).TrySetResult(Stopwatch.GetTimestamp());
                    }
                }
            },
            CancellationToken.None);

        var watchMs = new List<double>(events);
        var writeMs = new List<double>(events);
        try
        {
            for (var i = 0; i < WarmUp + events; i++)
            {
                var id = $"w{i}";
                var start = Stopwatch.GetTimestamp();
                await writer.RegisterModelAsync(new ModelRecord { ModelId = id, StorageUri = "file:///models/m.onnx" }, cancellationToken);
                var written = Stopwatch.GetTimestamp();
                var seenAt = await Slot(id).Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
                if (i >= WarmUp)
                {
                    watchMs.Add(Stopwatch.GetElapsedTime(start, seenAt).TotalMilliseconds);
                    writeMs.Add(Stopwatch.GetElapsedTime(start, written).TotalMilliseconds);
                }

                if (gapMs > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(gapMs), cancellationToken);
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await watch;
            }
            catch (OperationCanceledException)
            {
            }
        }

        return new WatchLatencyRow(gapMs, Percentiles.Of(watchMs), Percentiles.Of(writeMs));
    }

    private static string RedactedSpec(string spec) => spec.Contains('@', StringComparison.Ordinal) ? spec[..(spec.IndexOf("://", StringComparison.Ordinal) + 3)] + "***" + spec[spec.IndexOf('@', StringComparison.Ordinal)..] : spec;

    public static void WriteTable(WatchLatencyReport report, TextWriter output)
    {
        var table = new TextTable("gap ms", "events", "watch p50 ms", "watch p90 ms", "watch p99 ms", "watch max ms", "write p50 ms", "write p99 ms");
        foreach (var row in report.Rows)
        {
            table.Add(
                TextTable.N(row.GapMs),
                TextTable.I(row.WatchMs.Count),
                TextTable.N(row.WatchMs.Median, "F3"),
                TextTable.N(row.WatchMs.P90, "F3"),
                TextTable.N(row.WatchMs.P99, "F3"),
                TextTable.N(row.WatchMs.Max, "F3"),
                TextTable.N(row.WriteMs.Median, "F3"),
                TextTable.N(row.WriteMs.P99, "F3"));
        }

        table.Write(output);
    }
}
