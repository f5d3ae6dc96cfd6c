using System.CommandLine;
using ModelMesh.Benchmarks.Common;
using ModelMesh.Benchmarks.Sizing;

namespace ModelMesh.Benchmarks.Cli;

/// <summary><c>sizing</c>: predicted vs measured vs real resident size of 20 models, one fresh process each.</summary>
public static class SizingCommand
{
    public static Command Create()
    {
        var count = CommonOptions.Int("--models", "Models: this many minus one generated MLPs, plus the conv sample", 20);
        var minKb = CommonOptions.Int("--min-kb", "Smallest generated MLP (KiB of weights)", 100);
        var maxKb = CommonOptions.Int("--max-kb", "Largest generated MLP (KiB of weights)", 40 * 1024);
        var json = CommonOptions.Json();
        var command = new Command("sizing", "Model size: ModelLoader's prediction and measurement vs the real RSS growth, one fresh process per model")
        {
            count, minKb, maxKb, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var report = await SizingBenchmark.RunAsync(Math.Max(2, parse.GetValue(count)), parse.GetValue(minKb) * 1024L, parse.GetValue(maxKb) * 1024L, Console.Out, cancellationToken);
            SizingBenchmark.WriteTable(report, Console.Out);
            JsonOutput.Write(report, parse.GetValue(json)?.FullName, Console.Out);
            return report.Failures.Count == 0 ? 0 : 1;
        });
        return command;
    }
}
