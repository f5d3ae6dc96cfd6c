using ModelMesh.Benchmarks.Common;
using ModelMesh.Benchmarks.Latency;
using ModelMesh.Placement.Simulation;
using ModelMesh.Silo;

namespace ModelMesh.Benchmarks.HitRatio;

/// <summary>
/// Hit ratio under Zipf traces: (1) LRU vs Belady-Size simulated on a long trace over many models; (2) a shorter trace
/// over generated MLP files replayed on a real dev cluster, with LRU and Belady-Size simulated on that same trace and capacity.
/// </summary>
public static class HitRatioBenchmark
{
    public static async Task<HitRatioReport> RunAsync(HitRatioOptions o, TextWriter progress, CancellationToken cancellationToken)
    {
        var machine = MachineInfo.Capture(ProcessOrtRuntime.Get().Version);
        var startedAt = DateTimeOffset.UtcNow;
        var loadAtStart = MachineInfo.ReadLoadAverage();
        progress.WriteLine($"Machine: {machine}; load average {loadAtStart}");

        var simulations = new List<SimulationRow>();
        foreach (var equalSizes in new[] { false, true })
        {
            foreach (var s in o.Exponents)
            {
                foreach (var fraction in o.SimCapacityFractions)
                {
                    var row = TraceSimulation.Run(s, o.Seed, o.SimModels, o.SimRequests, o.SimMinBytes, o.SimMaxBytes, fraction, equalSizes);
                    progress.WriteLine($"  simulated s={s} capacity {fraction:P0}{(equalSizes ? " equal sizes" : "")}: LRU {row.LruHitRatio:F3}, TinyLFU {row.TinyLfuHitRatio:F3} (bypass {row.TinyLfuBypassHitRatio:F3}), Belady-Size {row.BeladyHitRatio:F3}");
                    simulations.Add(row);
                }
            }
        }

        var mesh = new List<MeshRow>();
        if (o.MeshRequests > 0 && o.MeshSilos.Count > 0)
        {
            using var folder = new TempFolder("modelmesh-hit");
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            var fileBytes = new Dictionary<string, long>(StringComparer.Ordinal);
            var models = new ZipfTraceGenerator(o.Seed, o.MeshModels, o.Exponents[0], o.MeshMinBytes, o.MeshMaxBytes).Models;
            for (var k = 0; k < models.Count; k++)
            {
                var path = Path.Combine(folder.Path, models[k].ModelId + ".onnx");
                fileBytes[models[k].ModelId] = GeneratedMlp.Write(path, GeneratedMlp.HiddenFor(models[k].SizeBytes), seed: k + 1);
                files[models[k].ModelId] = path;
            }

            var total = fileBytes.Values.Sum();
            var capacity = (long)(total * o.CapacityFraction);
            progress.WriteLine($"Mesh: {models.Count} generated MLP files, {total:N0} bytes in all; capacity {capacity:N0} bytes split over the silos");
            foreach (var s in o.Exponents)
            {
                // The sizes are drawn before the popularity, so every exponent sees the same models and sizes.
                var trace = new ZipfTraceGenerator(o.Seed, o.MeshModels, s, o.MeshMinBytes, o.MeshMaxBytes).Generate(o.MeshRequests)
                    .Select(r => r with { SizeBytes = fileBytes[r.ModelId] }).ToArray();
                foreach (var silos in o.MeshSilos)
                {
                    var row = await MeshTraceReplay.RunAsync(s, silos, trace, files, total, capacity, progress, cancellationToken);
                    progress.WriteLine($"  mesh s={s} silos={silos}: hit ratio {row.MeshHitRatio:F3} (LRU {row.LruHitRatioAccounted:F3}, Belady-Size {row.BeladyHitRatioAccounted:F3} at accounted sizes) in {row.SecondsTaken:F1} s");
                    mesh.Add(row);
                }
            }
        }

        return new HitRatioReport(machine, o, startedAt, loadAtStart, MachineInfo.ReadLoadAverage(), simulations, mesh);
    }

    public static void WriteTable(HitRatioReport report, TextWriter writer)
    {
        var o = report.Options;
        writer.WriteLine();
        writer.WriteLine($"Simulated: {o.SimModels} models, sizes {o.SimMinBytes:N0}-{o.SimMaxBytes:N0} B log-uniform (or all {o.SimMaxBytes:N0} B: equal), {o.SimRequests:N0} requests, capacity a fraction of all bytes, seed {o.Seed}");
        var sim = new TextTable("sizes", "s", "capacity", "LRU hit", "TinyLFU hit", "Belady-Size hit", "LRU/Belady", "TinyLFU/Belady", "bypass hit", "bypass/Belady",
            "LRU/Belady misses", "LRU GB loaded", "TinyLFU GB loaded", "Belady GB loaded");
        foreach (var r in report.Simulations)
        {
            sim.Add(r.EqualSizes ? "equal" : "log-uniform", TextTable.N(r.S), TextTable.N((double)r.CapacityBytes / r.TotalBytes, "P0"), TextTable.N(r.LruHitRatio, "F3"),
                TextTable.N(r.TinyLfuHitRatio, "F3"), TextTable.N(r.BeladyHitRatio, "F3"), TextTable.N(r.LruOfBelady, "F3"), TextTable.N(r.TinyLfuOfBelady, "F3"),
                TextTable.N(r.TinyLfuBypassHitRatio, "F3"), TextTable.N(r.TinyLfuBypassOfBelady, "F3"), TextTable.N(r.MissRatio, "F2"),
                TextTable.N(r.LruBytesLoaded / 1e9, "F1"), TextTable.N(r.TinyLfuBytesLoaded / 1e9, "F1"), TextTable.N(r.BeladyBytesLoaded / 1e9, "F1"));
        }

        sim.Write(writer);
        if (report.Mesh.Count == 0)
        {
            return;
        }

        writer.WriteLine();
        writer.WriteLine($"Real mesh: {o.MeshModels} generated MLPs, {o.MeshMinBytes:N0}-{o.MeshMaxBytes:N0} B of weights, {o.MeshRequests:N0} requests one at a time, capacity {o.CapacityFraction:P0} of the file bytes");
        var mesh = new TextTable("s", "silos", "distinct", "capacity MB", "files MB", "accounted MB", "mesh hit", "LRU hit (acct)", "Belady hit (acct)",
            "LRU hit (file)", "Belady hit (file)", "misses", "silo loads", "evictions", "failed", "hit ms p50", "miss ms p50", "seconds");
        foreach (var r in report.Mesh)
        {
            mesh.Add(TextTable.N(r.S), TextTable.I(r.Silos), TextTable.I(r.DistinctModels), TextTable.N(r.CapacityBytes / 1e6), TextTable.N(r.TotalFileBytes / 1e6, "F0"),
                TextTable.N(r.TotalAccountedBytes / 1e6, "F0"), TextTable.N(r.MeshHitRatio, "F3"), TextTable.N(r.LruHitRatioAccounted, "F3"), TextTable.N(r.BeladyHitRatioAccounted, "F3"),
                TextTable.N(r.LruHitRatioFileSizes, "F3"), TextTable.N(r.BeladyHitRatioFileSizes, "F3"), TextTable.I(r.MeshMisses), TextTable.I(r.SiloLoads),
                TextTable.I(r.SiloEvictions), TextTable.I(r.MeshFailed), TextTable.N(r.HitLatencyMedianMs, "F2"), TextTable.N(r.MissLatencyMedianMs, "F2"), TextTable.N(r.SecondsTaken));
        }

        mesh.Write(writer);
        writer.WriteLine();
        writer.WriteLine("acct = simulated with each model's median size as the silos measured it in that replay; file = with the file sizes.");
        writer.WriteLine("accounted MB = sum of those sizes over the models the trace touched. A miss = the request made a new copy appear.");
        writer.WriteLine($"Load average (1/5/15 min) at start {report.LoadAverageAtStart}, at end {report.LoadAverageAtEnd}.");
    }
}
