using ModelMesh.Benchmarks.Common;
using ModelMesh.Benchmarks.Latency;
using ModelMesh.Client;
using Grpc.Core;
using Grpc.Net.Client;
using ModelMesh.Serving.Grpc;
using ModelMesh.Host.Roles;
using ModelMesh.Onnx;
using ModelMesh.Silo;

namespace ModelMesh.Benchmarks.Mesh;

/// <summary>
/// Starts a dev cluster (front door + 1 silo, in-memory registry, real loopback gRPC) in this process over the sample
/// models, loads each measured model with one served request, checks that the three paths return the same bytes,
/// then per model and concurrency measures in-process ORT, direct-to-silo and served, back to back.
/// </summary>
public static class MeshLatencyBenchmark
{
    public static async Task<MeshLatencyReport> RunAsync(MeshLatencyOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        using var models = new TempFolder("modelmesh-mesh");
        SampleModels.WriteAll(models.Path);
        await using var cluster = await DevCluster.StartAsync(
            new DevClusterOptions { Silos = 1, GrpcPort = 0, HttpPort = 0, ModelsDirectory = models.Path, SiloCapacityBytes = 1L << 30 },
            QuietLogging.Configure, cancellationToken);
        using var client = ModelMeshClient.Connect($"127.0.0.1:{cluster.FrontDoor.GrpcPort}");
        using var siloChannel = GrpcChannelPool.Create(cluster.Silos[0].Address, 64 * 1024 * 1024);
        var runtime = ProcessOrtRuntime.Get();
        var machine = MachineInfo.Capture(runtime.Version);
        var startedAt = DateTimeOffset.UtcNow;
        var loadAtStart = MachineInfo.ReadLoadAverage();
        progress.WriteLine($"Machine: {machine}; load average {loadAtStart}");
        progress.WriteLine($"Front door 127.0.0.1:{cluster.FrontDoor.GrpcPort}, silo {cluster.Silos[0].Address}; warm-up {options.Warmup.TotalSeconds}s, window {options.Duration.TotalSeconds}s per path and cell");

        var warnings = new List<string>();
        var targets = new List<(string Model, OrtSession Session, IInferTarget[] Paths)>();
        var cells = new List<MeshCell>();
        try
        {
            foreach (var model in options.Models)
            {
                var request = SampleRequests.Create(model);
                var session = runtime.CreateSession(Path.Combine(models.Path, model, "1", "model.onnx"), new OrtSessionOptions());
                var local = new InProcessOrtTarget(session, request.OrtInputs);
                var served = new ServedTarget(client, request.InferRequest);
                var direct = new DirectSiloTarget(siloChannel, request.InferRequest, model);
                var expected = local.RunOnce();
                foreach (var (name, response) in new[] { ("served", await served.CallOnceAsync(cancellationToken)), ("direct", await direct.CallOnceAsync(cancellationToken)) })
                {
                    if (OutputCheck.Compare(response, expected) is { } mismatch)
                    {
                        warnings.Add($"{model} {name}: {mismatch}");
                        progress.WriteLine($"WARNING {model} {name}: {mismatch}");
                    }
                }

                targets.Add((model, session, [local, direct, served]));
            }

            // One unmeasured pass at the highest concurrency so that no cell runs tier-0 JIT code.
            var top = options.ConcurrencyLevels.Max();
            foreach (var (_, _, paths) in targets)
            {
                foreach (var path in paths)
                {
                    await ClosedLoopRunner.RunAsync(path, top, options.Warmup, TimeSpan.Zero, cancellationToken);
                }
            }

            foreach (var (model, _, paths) in targets)
            {
                foreach (var concurrency in options.ConcurrencyLevels)
                {
                    var results = new LatencySummary[paths.Length];
                    for (var i = 0; i < paths.Length; i++)
                    {
                        GC.Collect();
                        GC.WaitForPendingFinalizers();
                        results[i] = await ClosedLoopRunner.RunAsync(paths[i], concurrency, options.Warmup, options.Duration, cancellationToken);
                        progress.WriteLine($"  {model,-7} c={concurrency,-3} {paths[i].Name,-8} n={results[i].Count,-8} p50={results[i].P50Us,9:F1}us p99={results[i].P99Us,9:F1}us {results[i].RequestsPerSecond,9:F0} req/s");
                    }

                    cells.Add(new MeshCell(model, concurrency, Served: results[2], Direct: results[1], InProcess: results[0]));
                }
            }
        }
        finally
        {
            foreach (var (_, session, _) in targets)
            {
                session.Dispose();
            }
        }

        return new MeshLatencyReport(machine, options, startedAt, loadAtStart, MachineInfo.ReadLoadAverage(), cells, warnings);
    }

    public static void WriteTable(MeshLatencyReport report, TextWriter writer)
    {
        var table = new TextTable("model", "N", "path", "requests", "p50 us", "p90 us", "p99 us", "max us", "req/s", "p50 x in-proc", "req/s x in-proc");
        foreach (var cell in report.Cells)
        {
            foreach (var (name, s) in new[] { ("in-proc", cell.InProcess), ("direct", cell.Direct), ("served", cell.Served) })
            {
                table.Add(cell.Model, TextTable.I(cell.Concurrency), name, TextTable.I(s.Count), TextTable.N(s.P50Us), TextTable.N(s.P90Us), TextTable.N(s.P99Us),
                    TextTable.N(s.MaxUs), TextTable.N(s.RequestsPerSecond, "F0"), TextTable.N(s.P50Us / cell.InProcess.P50Us, "F2"),
                    TextTable.N(s.RequestsPerSecond / cell.InProcess.RequestsPerSecond, "F3"));
            }
        }

        table.Write(writer);
        var ratios = new TextTable("model", "N", "served/direct p50", "served/direct req/s", "front-door hop us (p50)", "direct/in-proc p50");
        foreach (var cell in report.Cells)
        {
            ratios.Add(cell.Model, TextTable.I(cell.Concurrency), TextTable.N(cell.ServedOverDirectP50, "F2"), TextTable.N(cell.ServedOverDirectThroughput, "F3"),
                TextTable.N(cell.FrontDoorHopUs), TextTable.N(cell.DirectOverInProcessP50, "F2"));
        }

        ratios.Write(writer);
        writer.WriteLine();
        writer.WriteLine($"Load average (1/5/15 min) at start {report.LoadAverageAtStart}, at end {report.LoadAverageAtEnd}.");
        foreach (var warning in report.Warnings)
        {
            writer.WriteLine("WARNING " + warning);
        }
    }
}
