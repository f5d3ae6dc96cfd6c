using System.CommandLine;
using ModelMesh.Benchmarks.ColdStart;
using ModelMesh.Benchmarks.Common;

namespace ModelMesh.Benchmarks.Cli;

/// <summary><c>cold-start</c>: first request to a registered-but-unloaded model vs raw session creation of the same file.</summary>
public static class ColdStartCommand
{
    public static Command Create()
    {
        var models = CommonOptions.StringList("--models", "Models", [.. ColdStartModel.Kinds], [.. ColdStartModel.Kinds]);
        var repetitions = CommonOptions.Int("--repetitions", "Repetitions per model (each one a new model id)", 20);
        var json = CommonOptions.Json();
        var command = new Command("cold-start", "First request to a registered-but-unloaded model through the front door vs OrtRuntime.CreateSession of the same file")
        {
            models, repetitions, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var report = await ColdStartBenchmark.RunAsync(parse.GetValue(models) ?? [.. ColdStartModel.Kinds], Math.Max(1, parse.GetValue(repetitions)), Console.Out, cancellationToken);
            ColdStartBenchmark.WriteTable(report, Console.Out);
            JsonOutput.Write(report, parse.GetValue(json)?.FullName, Console.Out);
            return 0;
        });
        return command;
    }
}
