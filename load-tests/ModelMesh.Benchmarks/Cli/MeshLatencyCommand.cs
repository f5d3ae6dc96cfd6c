using System.CommandLine;
using ModelMesh.Benchmarks.Common;
using ModelMesh.Benchmarks.Latency;
using ModelMesh.Benchmarks.Mesh;

namespace ModelMesh.Benchmarks.Cli;

/// <summary><c>mesh-latency</c>: served (client → front door → silo) vs direct to the silo vs in-process ORT.</summary>
public static class MeshLatencyCommand
{
    public static Command Create()
    {
        var duration = CommonOptions.Duration("--duration", "Measured time per cell and path", TimeSpan.FromSeconds(5));
        var warmup = CommonOptions.Duration("--warmup", "Unmeasured warm-up before each measured window", TimeSpan.FromSeconds(1));
        var concurrency = CommonOptions.IntList("--concurrency", "Closed-loop worker counts", [1, 4]);
        var models = CommonOptions.StringList("--models", "Models", [.. SampleRequests.SupportedModels], [.. SampleRequests.SupportedModels]);
        var json = CommonOptions.Json();
        var command = new Command("mesh-latency", "Served (front door -> silo) vs direct to the silo vs in-process ORT, same model and input, one run")
        {
            duration, warmup, concurrency, models, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new MeshLatencyOptions(
                parse.GetValue(duration), parse.GetValue(warmup), parse.GetValue(concurrency) ?? [1],
                parse.GetValue(models) ?? [.. SampleRequests.SupportedModels], parse.GetValue(json)?.FullName);
            var report = await MeshLatencyBenchmark.RunAsync(options, Console.Out, cancellationToken);
            MeshLatencyBenchmark.WriteTable(report, Console.Out);
            JsonOutput.Write(report, options.JsonPath, Console.Out);
            return report.Warnings.Count == 0 ? 0 : 1;
        });
        return command;
    }
}
