using System.CommandLine;
using ModelMesh.Benchmarks.Common;
using ModelMesh.Benchmarks.Density;
using ModelMesh.Silo.Mesh;

namespace ModelMesh.Benchmarks.Cli;

/// <summary><c>density</c>: threads and RSS of a silo holding many small loaded models.</summary>
public static class DensityCommand
{
    public static Command Create()
    {
        var models = CommonOptions.Int("--models", "Distinct models to load", 1000);
        var hidden = CommonOptions.Int("--hidden", "Hidden width of the generated MLPs (64 -> hidden -> 10)", 16);
        var target = new Option<string>("--target") { Description = "silo (the silo's cache over gRPC) or copy-cache (the Orleans copy cache, in process)", DefaultValueFactory = _ => "silo" };
        target.AcceptOnlyFromAmong("silo", "copy-cache");
        var overhead = CommonOptions.Int("--overhead-kib", "Per-session overhead of the size rule in KiB (1024: the rule before calibration)", (int)(new SiloOptions().PerModelOverheadBytes / 1024));
        var json = CommonOptions.Json();
        var command = new Command("density", "Threads, RSS and accounted bytes of one silo before and after loading many small models") { models, hidden, target, overhead, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var report = await DensityBenchmark.RunAsync(
                Math.Max(2, parse.GetValue(models)), Math.Max(1, parse.GetValue(hidden)), parse.GetValue(target) ?? "silo", Math.Max(0, parse.GetValue(overhead)) * 1024L, Console.Out, cancellationToken);
            DensityBenchmark.WriteTable(report, Console.Out);
            JsonOutput.Write(report, parse.GetValue(json)?.FullName, Console.Out);
            return report.InferenceFailures == 0 ? 0 : 1;
        });
        return command;
    }
}
