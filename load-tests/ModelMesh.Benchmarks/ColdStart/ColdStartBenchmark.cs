using System.Diagnostics;
using ModelMesh.Benchmarks.Common;
using ModelMesh.Benchmarks.Latency;
using ModelMesh.Client;
using ModelMesh.Host.Roles;
using ModelMesh.Onnx;
using ModelMesh.Silo;

namespace ModelMesh.Benchmarks.ColdStart;

/// <summary>
/// Cold start: per model and repetition, (1) raw <c>OrtRuntime.CreateSession</c> of the file, then its first Run, then
/// dispose; (2) register the same file under a new id (not timed), time the first request through the front door
/// (placement, load claim, silo load with RSS measurement, Run), time a second request (warm), unregister (which unloads).
/// Every repetition uses a new id, so each first request is truly cold; the file itself stays in the OS page cache for both paths.
/// </summary>
public static class ColdStartBenchmark
{
    public const string Method = "new model id per repetition: register (untimed) -> first request timed -> second request timed -> unregister (unloads the copy)";

    public static async Task<ColdStartReport> RunAsync(IReadOnlyList<string> kinds, int repetitions, TextWriter progress, CancellationToken cancellationToken)
    {
        using var folder = new TempFolder("modelmesh-cold");
        await using var cluster = await DevCluster.StartAsync(
            new DevClusterOptions { Silos = 1, GrpcPort = 0, HttpPort = 0, SiloCapacityBytes = 4L << 30 }, QuietLogging.Configure, cancellationToken);
        using var client = ModelMeshClient.Connect($"127.0.0.1:{cluster.FrontDoor.GrpcPort}");
        var runtime = ProcessOrtRuntime.Get();
        var machine = MachineInfo.Capture(runtime.Version);
        var startedAt = DateTimeOffset.UtcNow;
        var loadAtStart = MachineInfo.ReadLoadAverage();
        progress.WriteLine($"Machine: {machine}; load average {loadAtStart}");

        var models = kinds.Select(k => ColdStartModel.Create(k, folder.Path)).ToList();
        await WarmUpAsync(client, runtime, models[0], cancellationToken);
        using var spans = new SpanRecorder();
        var rows = new List<ColdStartRow>();
        foreach (var model in models)
        {
            var create = new List<double>();
            var createAndRun = new List<double>();
            var cold = new List<double>();
            var modelSpans = new SpanRecorder.Window(spans);
            var warmSpans = new SpanRecorder.Window(spans);
            var warm = new List<double>();
            for (var rep = 0; rep < repetitions; rep++)
            {
                var (c, cr) = RawCreate(runtime, model);
                create.Add(c);
                createAndRun.Add(cr);
                var (first, second) = await ServedColdAsync(client, model, $"cold-{model.Kind}-{rep}", (modelSpans, warmSpans), cancellationToken);
                cold.Add(first);
                warm.Add(second);
            }

            var row = new ColdStartRow(model.Kind, model.FileBytes, Percentiles.Of(create), Percentiles.Of(createAndRun), Percentiles.Of(cold), Percentiles.Of(warm))
            {
                ColdSpans = modelSpans.Summary(),
                WarmSpans = warmSpans.Summary(),
            };
            progress.WriteLine($"  {model.Kind,-9} create p50 {row.CreateMs.Median:F2} ms, cold p50 {row.ColdMs.Median:F2} ms, warm p50 {row.WarmMs.Median:F2} ms");
            rows.Add(row);
        }

        return new ColdStartReport(machine, repetitions, Method, startedAt, loadAtStart, MachineInfo.ReadLoadAverage(), rows);
    }

    /// <summary>One untimed round of both paths so the JIT and the connections are warm before the first timed one.</summary>
    private static async Task WarmUpAsync(ModelMeshClient client, OrtRuntime runtime, ColdStartModel model, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 3; i++)
        {
            RawCreate(runtime, model);
            await ServedColdAsync(client, model, $"warmup-{i}", null, cancellationToken);
        }
    }

    private static (double CreateMs, double CreateAndRunMs) RawCreate(OrtRuntime runtime, ColdStartModel model)
    {
        var request = model.Request("raw");
        var start = Stopwatch.GetTimestamp();
        using var session = runtime.CreateSession(model.Path, new OrtSessionOptions());
        var created = Stopwatch.GetElapsedTime(start);
        session.Run(request.OrtInputs, [.. session.Outputs.Select(o => o.Name)]);
        var ran = Stopwatch.GetElapsedTime(start);
        return (created.TotalMilliseconds, ran.TotalMilliseconds);
    }

    private static async Task<(double ColdMs, double WarmMs)> ServedColdAsync(
        ModelMeshClient client, ColdStartModel model, string id, (SpanRecorder.Window Cold, SpanRecorder.Window Warm)? spans, CancellationToken cancellationToken)
    {
        await client.RegisterModelAsync(id, new Uri(model.Path).AbsoluteUri, cancellationToken: cancellationToken);
        var request = model.Request(id).InferRequest;
        spans?.Cold.Start();
        var start = Stopwatch.GetTimestamp();
        await client.InferAsync(request, cancellationToken: cancellationToken);
        var cold = Stopwatch.GetElapsedTime(start);
        spans?.Cold.End();
        spans?.Warm.Start();
        start = Stopwatch.GetTimestamp();
        await client.InferAsync(request, cancellationToken: cancellationToken);
        var warm = Stopwatch.GetElapsedTime(start);
        spans?.Warm.End();
        await client.UnregisterModelAsync(id, cancellationToken: cancellationToken);
        return (cold.TotalMilliseconds, warm.TotalMilliseconds);
    }

    public static void WriteTable(ColdStartReport report, TextWriter writer)
    {
        var table = new TextTable("model", "file bytes", "create p50", "create p99", "create+run p50", "cold p50", "cold p99", "cold max", "warm p50",
            "cold/create p50", "mesh overhead p50");
        foreach (var r in report.Rows)
        {
            table.Add(r.Model, TextTable.I(r.FileBytes), TextTable.N(r.CreateMs.Median, "F2"), TextTable.N(r.CreateMs.P99, "F2"),
                TextTable.N(r.CreateAndRunMs.Median, "F2"), TextTable.N(r.ColdMs.Median, "F2"), TextTable.N(r.ColdMs.P99, "F2"), TextTable.N(r.ColdMs.Max, "F2"),
                TextTable.N(r.WarmMs.Median, "F2"), TextTable.N(r.ColdOverCreate, "F2"), TextTable.N(r.MeshOverheadMs, "F2"));
        }

        table.Write(writer);
        writer.WriteLine();
        foreach (var r in report.Rows)
        {
            foreach (var (which, timings) in new[] { ("cold", r.ColdSpans), ("warm", r.WarmSpans) })
            {
                var spans = new TextTable($"{r.Model}: span ({which} request)", "sum p50 ms", "sum p90 ms");
                foreach (var (span, ms) in timings.Where(t => t.Ms.P90 > 0))
                {
                    spans.Add(span, TextTable.N(ms.Median, "F2"), TextTable.N(ms.P90, "F2"));
                }

                spans.Write(writer);
                writer.WriteLine();
            }
        }

        writer.WriteLine($"Milliseconds, {report.Repetitions} repetitions per model ({report.Method}).");
        writer.WriteLine("mesh overhead = cold p50 - (create + first Run) p50. p99 is nearest rank, i.e. the maximum below 100 repetitions.");
        writer.WriteLine($"Load average (1/5/15 min) at start {report.LoadAverageAtStart}, at end {report.LoadAverageAtEnd}.");
    }
}
