using Microsoft.Extensions.Logging;
using Grpc.Core;
using Grpc.Net.Client;
using ModelMesh.Serving.Grpc;
using ModelMesh.Host.Node;
using ModelMesh.Onnx;
using ModelMesh.Silo;

namespace ModelMesh.Benchmarks.Latency;

/// <summary>
/// Writes the sample models to a temp folder, starts an in-process node on free ports, and for every model and
/// concurrency level measures the in-process ORT path then the gRPC path, back to back, in this one process.
/// </summary>
public static class LatencyBenchmark
{
    public static async Task<LatencyReport> RunAsync(LatencyOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var modelsDirectory = Path.Combine(Path.GetTempPath(), "modelmesh-bench-" + Guid.NewGuid().ToString("N")[..8]);
        SampleModels.WriteAll(modelsDirectory);
        try
        {
            await using var node = await InferenceNode.StartAsync(
                new NodeOptions { ModelsDirectory = modelsDirectory, GrpcPort = 0, HttpPort = 0 },
                logging => logging.SetMinimumLevel(LogLevel.Warning),
                cancellationToken);
            using var channel = GrpcChannelPool.Create($"127.0.0.1:{node.GrpcPort}", 64 * 1024 * 1024);
            var runtime = ProcessOrtRuntime.Get();
            var machine = MachineInfo.Capture(runtime.Version);
            var startedAt = DateTimeOffset.UtcNow;
            var loadAtStart = MachineInfo.ReadLoadAverage();
            progress.WriteLine($"Machine: {machine}; load average {loadAtStart}");
            progress.WriteLine($"Node gRPC on 127.0.0.1:{node.GrpcPort}; gRPC mode {options.GrpcMode}; warm-up {options.Warmup.TotalSeconds}s, window {options.Duration.TotalSeconds}s per path and cell");

            var cells = new List<CellResult>();
            var warnings = new List<string>();
            var targets = new List<ModelTargets>();
            try
            {
                foreach (var model in options.Models)
                {
                    var request = SampleRequests.Create(model);
                    var session = runtime.CreateSession(Path.Combine(modelsDirectory, model, "1", "model.onnx"), new OrtSessionOptions());
                    targets.Add(new ModelTargets(
                        request, session, new InProcessOrtTarget(session, request.OrtInputs), new GrpcInferTarget(channel, request.InferRequest, options.GrpcMode)));
                }

                foreach (var t in targets)
                {
                    if (OutputCheck.Compare(await t.Grpc.CallOnceAsync(cancellationToken), t.InProcess.RunOnce()) is { } mismatch)
                    {
                        warnings.Add($"{t.Request.ModelName}: {mismatch}");
                        progress.WriteLine($"WARNING {t.Request.ModelName}: {mismatch}");
                    }
                }

                await WarmUpAsync(targets, options, progress, cancellationToken);
                foreach (var t in targets)
                {
                    foreach (var concurrency in options.ConcurrencyLevels)
                    {
                        var local = await MeasureAsync(t.InProcess, t.Request.ModelName, concurrency, options, progress, cancellationToken);
                        var served = await MeasureAsync(t.Grpc, t.Request.ModelName, concurrency, options, progress, cancellationToken);
                        cells.Add(new CellResult(t.Request.ModelName, concurrency, t.Request.PayloadBytes, served, local));
                    }
                }
            }
            finally
            {
                foreach (var t in targets)
                {
                    t.Session.Dispose();
                }
            }

            return new LatencyReport(machine, options, startedAt, cells, warnings, loadAtStart, MachineInfo.ReadLoadAverage());
        }
        finally
        {
            TryDelete(modelsDirectory);
        }
    }

    /// <summary>
    /// One unmeasured pass over every model and path before the first cell: without it the first cell measured
    /// still runs tier-0 JIT code of Kestrel, HTTP/2 and the client (observed: gRPC p50 several times higher).
    /// </summary>
    private static async Task WarmUpAsync(List<ModelTargets> targets, LatencyOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var concurrency = options.ConcurrencyLevels.Max();
        progress.WriteLine($"Process warm-up: {options.Warmup.TotalSeconds}s per model and path at concurrency {concurrency}");
        foreach (var t in targets)
        {
            await ClosedLoopRunner.RunAsync(t.InProcess, concurrency, options.Warmup, TimeSpan.Zero, cancellationToken);
            await ClosedLoopRunner.RunAsync(t.Grpc, concurrency, options.Warmup, TimeSpan.Zero, cancellationToken);
        }
    }

    private static async Task<LatencySummary> MeasureAsync(
        IInferTarget target, string model, int concurrency, LatencyOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        // Start each measurement from a collected heap so one path does not pay for the other's garbage.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var summary = await ClosedLoopRunner.RunAsync(target, concurrency, options.Warmup, options.Duration, cancellationToken);
        progress.WriteLine(
            $"  {model,-7} c={concurrency,-3} {target.Name,-8} n={summary.Count,-8} p50={summary.P50Us,9:F1}us p99={summary.P99Us,9:F1}us {summary.RequestsPerSecond,9:F0} req/s");
        return summary;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
