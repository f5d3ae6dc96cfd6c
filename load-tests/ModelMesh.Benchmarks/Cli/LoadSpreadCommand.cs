using System.CommandLine;
using ModelMesh.Benchmarks.Common;
using ModelMesh.Benchmarks.LoadSpread;

namespace ModelMesh.Benchmarks.Cli;

/// <summary><c>load-spread</c>: a burst of first requests for distinct cold models, with and without spreading loads over the silos' loading slots.</summary>
public static class LoadSpreadCommand
{
    public static Command Create()
    {
        var silos = CommonOptions.Int("--silos", "Silos per cluster", 3);
        var loadSlots = CommonOptions.Int("--load-slots", "Loading slots per silo (SiloOptions.MaxConcurrentLoads)", 2);
        var models = CommonOptions.Int("--models", "Distinct cold models in each burst", 24);
        var sizeMib = CommonOptions.Int("--size-mib", "Weights per model, MiB", 16);
        var capacityMib = CommonOptions.Int("--silo-capacity-mib", "Memory capacity per silo, MiB (default: every model of a burst fits on one silo)", 4096);
        var rounds = CommonOptions.Int("--rounds", "Measured rounds per mode (after one warm-up round)", 5);
        var json = CommonOptions.Json();
        var command = new Command("load-spread", "A burst of first requests for N distinct cold models, placement spreading loads over loading slots vs best fit only")
        {
            silos, loadSlots, models, sizeMib, capacityMib, rounds, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new LoadSpreadOptions(
                Math.Max(1, parse.GetValue(silos)), Math.Max(1, parse.GetValue(loadSlots)), Math.Max(1, parse.GetValue(capacityMib)) * 1024L * 1024,
                Math.Max(1, parse.GetValue(models)), Math.Max(1, parse.GetValue(sizeMib)) * 1024L * 1024, Math.Max(1, parse.GetValue(rounds)));
            var report = await LoadSpreadBenchmark.RunAsync(options, Console.Out, cancellationToken);
            LoadSpreadBenchmark.WriteTable(report, Console.Out);
            JsonOutput.Write(report, parse.GetValue(json)?.FullName, Console.Out);
            return report.Spread.Failed + report.NoSpread.Failed + report.Spread.WrongOutputs + report.NoSpread.WrongOutputs == 0 ? 0 : 1;
        });
        return command;
    }
}
