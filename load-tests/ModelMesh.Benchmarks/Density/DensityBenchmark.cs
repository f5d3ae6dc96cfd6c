using System.Diagnostics;
using System.Net;
using ModelMesh.Benchmarks.Common;
using ModelMesh.Benchmarks.Latency;
using ModelMesh.Benchmarks.Mesh;
using Grpc.Core;
using Grpc.Net.Client;
using ModelMesh.Serving.Grpc;
using ModelMesh.Host.Roles;
using ModelMesh.Registry;
using ModelMesh.Silo;
using ModelMesh.Silo.Mesh;

namespace ModelMesh.Benchmarks.Density;

/// <summary>
/// One silo in this process (in-memory registry, no front door) loads N distinct tiny generated MLPs one after
/// another through its cache, and each is run once over the silo's V2 ModelInfer (mm-model-id). Threads and RSS are
/// read from /proc/self/status after a full GC: with the silo started, with 1 model, and with N models.
/// </summary>
public static class DensityBenchmark
{
    public static async Task<DensityReport> RunAsync(int count, int hidden, TextWriter progress, CancellationToken cancellationToken)
    {
        using var folder = new TempFolder("modelmesh-density");
        await using var registry = RegistryFactory.Create("memory");
        await using var silo = await SiloHost.StartAsync(
            registry, new SiloOptions { SiloId = "density", CpuCapacityBytes = 64L << 30 }, IPAddress.Loopback, 0, logging: QuietLogging.Configure,
            cancellationToken: cancellationToken);
        using var channel = GrpcChannelPool.Create(silo.Address, 64 * 1024 * 1024);
        var machine = MachineInfo.Capture(ProcessOrtRuntime.Get().Version);
        var loadAtStart = MachineInfo.ReadLoadAverage();
        progress.WriteLine($"Machine: {machine}; load average {loadAtStart}");

        var models = new List<ModelRecord>(count);
        long fileBytes = 0;
        for (var i = 0; i < count; i++)
        {
            var path = Path.Combine(folder.Path, $"tiny-{i:D4}.onnx");
            fileBytes = GeneratedMlp.Write(path, hidden, seed: i + 1);
            var record = new ModelRecord { ModelId = $"tiny-{i:D4}", StorageUri = new Uri(path).AbsoluteUri };
            await registry.RegisterModelAsync(record, cancellationToken);
            models.Add(record);
        }

        // Warm the gRPC path and the JIT with a throwaway model, so the baseline already includes them.
        var warm = new ModelRecord { ModelId = "warm-up", StorageUri = models[0].StorageUri };
        await registry.RegisterModelAsync(warm, cancellationToken);
        await LoadAndRunAsync(silo, channel, warm, cancellationToken);
        silo.Cache.UnloadModel(warm.ModelId);

        var snapshots = new List<DensitySnapshot> { DensitySnapshot.Take("silo started, 0 models", 0, Accounted(silo)) };
        var failures = 0;
        var maxThreads = 0;
        var timer = Stopwatch.StartNew();
        for (var i = 0; i < models.Count; i++)
        {
            if (!await LoadAndRunAsync(silo, channel, models[i], cancellationToken))
            {
                failures++;
            }

            maxThreads = Math.Max(maxThreads, ProcStatus.Read().Threads);
            if (i == 0)
            {
                timer.Stop();
                snapshots.Add(DensitySnapshot.Take("1 model", 1, Accounted(silo)));
                timer.Start();
            }
            else if ((i + 1) % 250 == 0 || i == models.Count - 1)
            {
                timer.Stop();
                var snapshot = DensitySnapshot.Take($"{i + 1} models", i + 1, Accounted(silo));
                progress.WriteLine($"  {snapshot.ModelsLoaded} models: {snapshot.Threads} threads, RSS {snapshot.RssBytes / 1048576.0:F1} MiB");
                if (i == models.Count - 1 || (i + 1) % 500 == 0)
                {
                    snapshots.Add(snapshot);
                }

                timer.Start();
            }
        }

        return new DensityReport(machine, count, fileBytes, hidden, snapshots, maxThreads, timer.Elapsed.TotalSeconds, failures, loadAtStart, MachineInfo.ReadLoadAverage());
    }

    private static async Task<bool> LoadAndRunAsync(SiloHost silo, GrpcChannel channel, ModelRecord model, CancellationToken cancellationToken)
    {
        _ = silo; // the V2 call to the silo loads the model there (its own copy grain: the only model silo)
        try
        {
            await new DirectSiloTarget(channel, GeneratedMlp.Request(model.ModelId).InferRequest, model.ModelId).CallOnceAsync(cancellationToken);
            return true;
        }
        catch (RpcException)
        {
            return false;
        }
    }

    private static long Accounted(SiloHost silo) => silo.Cache.Copies().Sum(c => c.SizeBytes);

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
        writer.WriteLine($"Per model (1 -> {report.Models}): RSS {report.RssPerModelBytes / 1024:F1} KiB, RssAnon {report.RssAnonPerModelBytes / 1024:F1} KiB, accounted by the silo {report.AccountedPerModelBytes / 1024:F1} KiB.");
        writer.WriteLine($"Threads: max {report.MaxThreadsWhileLoading} observed while loading; load + first inference of {report.Models - 1} models took {report.LoadSecondsTotal:F1} s ({report.LoadSecondsTotal * 1000 / Math.Max(1, report.Models - 1):F2} ms each); inference failures {report.InferenceFailures}.");
        writer.WriteLine($"Load average (1/5/15 min) at start {report.LoadAverageAtStart}, at end {report.LoadAverageAtEnd}.");
    }
}
