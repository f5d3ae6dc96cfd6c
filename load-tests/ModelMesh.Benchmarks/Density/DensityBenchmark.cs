using System.Diagnostics;
using ModelMesh.Benchmarks.Common;
using ModelMesh.Benchmarks.Latency;
using ModelMesh.Registry;
using ModelMesh.Silo;
using ModelMesh.Silo.Mesh;

namespace ModelMesh.Benchmarks.Density;

/// <summary>
/// Loads N distinct tiny generated MLPs one after another into one target (the silo's cache over gRPC, or the Orleans
/// copy cache in process: <see cref="IDensityTarget"/>), and runs each once. Threads and RSS are read from
/// /proc/self/status after a full GC: with the target started, with 1 model, and with N models. The per-session
/// overhead of the size rule can be set so the old and new rules are compared in one session.
/// </summary>
public static class DensityBenchmark
{
    public static async Task<DensityReport> RunAsync(int count, int hidden, string target, long overheadBytes, TextWriter progress, CancellationToken cancellationToken)
    {
        using var folder = new TempFolder("modelmesh-density");
        var options = new SiloOptions { SiloId = "density", CpuCapacityBytes = 64L << 30, PerModelOverheadBytes = overheadBytes };
        await using IDensityTarget cache = target == "copy-cache"
            ? new CopyCacheDensityTarget(options)
            : await SiloDensityTarget.StartAsync(options, cancellationToken);
        var machine = MachineInfo.Capture(ProcessOrtRuntime.Get().Version);
        var loadAtStart = MachineInfo.ReadLoadAverage();
        progress.WriteLine($"Machine: {machine}; load average {loadAtStart}; target {target}; per-session overhead {overheadBytes / 1024} KiB");

        var models = new List<ModelRecord>(count);
        long fileBytes = 0;
        for (var i = 0; i < count; i++)
        {
            var path = Path.Combine(folder.Path, $"tiny-{i:D5}.onnx");
            fileBytes = GeneratedMlp.Write(path, hidden, seed: i + 1);
            models.Add(new ModelRecord { ModelId = $"tiny-{i:D5}", StorageUri = new Uri(path).AbsoluteUri });
        }

        // Warm the inference path and the JIT with a throwaway model, so the baseline already includes them.
        await cache.LoadAndRunAsync(new ModelRecord { ModelId = "warm-up", StorageUri = models[0].StorageUri }, cancellationToken);
        cache.Unload("warm-up");

        var snapshots = new List<DensitySnapshot> { DensitySnapshot.Take("started, 0 models", 0, cache.AccountedBytes()) };
        var failures = 0;
        var maxThreads = 0;
        var timer = Stopwatch.StartNew();
        for (var i = 0; i < models.Count; i++)
        {
            if (!await cache.LoadAndRunAsync(models[i], cancellationToken))
            {
                failures++;
            }

            maxThreads = Math.Max(maxThreads, ProcStatus.Read().Threads);
            if (i == 0)
            {
                timer.Stop();
                snapshots.Add(DensitySnapshot.Take("1 model", 1, cache.AccountedBytes()));
                timer.Start();
            }
            else if ((i + 1) % 250 == 0 || i == models.Count - 1)
            {
                timer.Stop();
                var snapshot = DensitySnapshot.Take($"{i + 1} models", i + 1, cache.AccountedBytes());
                progress.WriteLine($"  {snapshot.ModelsLoaded} models: {snapshot.Threads} threads, RSS {snapshot.RssBytes / 1048576.0:F1} MiB, accounted {snapshot.AccountedBytes / 1048576.0:F1} MiB");
                if (i == models.Count - 1 || (i + 1) % Math.Max(500, models.Count / 4) == 0)
                {
                    snapshots.Add(snapshot);
                }

                timer.Start();
            }
        }

        return new DensityReport(machine, count, fileBytes, hidden, snapshots, maxThreads, timer.Elapsed.TotalSeconds, failures, loadAtStart, MachineInfo.ReadLoadAverage())
        {
            Target = target,
            OverheadBytes = overheadBytes,
        };
    }

    public static void WriteTable(DensityReport report, TextWriter writer)
    {
        var table = new TextTable("point", "models", "threads", "RSS MiB", "RssAnon MiB", "accounted MiB");
        foreach (var s in report.Snapshots)
        {
            table.Add(s.Point, TextTable.I(s.ModelsLoaded), TextTable.I(s.Threads), TextTable.N(s.RssBytes / 1048576.0), TextTable.N(s.RssAnonBytes / 1048576.0),
                TextTable.N(s.AccountedBytes / 1048576.0, "F2"));
        }

        table.Write(writer);
        writer.WriteLine();
        foreach (var s in report.Snapshots)
        {
            writer.WriteLine($"Threads by name, {s.Point}: {ThreadNames.Format(s.ThreadsByName)}");
        }

        writer.WriteLine($"Model: generated MLP 64 -> {report.HiddenWidth} -> 10, {report.FileBytesEach:N0} bytes per file; {report.Models} distinct files.");
        writer.WriteLine($"Per model (1 -> {report.Models}): RSS {report.RssPerModelBytes / 1024:F1} KiB, RssAnon {report.RssAnonPerModelBytes / 1024:F1} KiB, accounted {report.AccountedPerModelBytes / 1024:F1} KiB ({report.AccountedVsRss:+0.0%;-0.0%} vs RSS); target {report.Target}, per-session overhead {report.OverheadBytes / 1024} KiB.");
        writer.WriteLine($"Threads: max {report.MaxThreadsWhileLoading} observed while loading; load + first inference of {report.Models - 1} models took {report.LoadSecondsTotal:F1} s ({report.LoadSecondsTotal * 1000 / Math.Max(1, report.Models - 1):F2} ms each); inference failures {report.InferenceFailures}.");
        writer.WriteLine($"Load average (1/5/15 min) at start {report.LoadAverageAtStart}, at end {report.LoadAverageAtEnd}.");
    }
}
