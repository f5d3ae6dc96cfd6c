using System.CommandLine;
using ModelMesh.Benchmarks.Common;
using ModelMesh.Benchmarks.HitRatio;

namespace ModelMesh.Benchmarks.Cli;

/// <summary><c>hit-ratio</c>: LRU vs TinyLFU vs Belady-Size under Zipf traces, simulated and on a real dev cluster.</summary>
public static class HitRatioCommand
{
    public static Command Create()
    {
        var exponents = CommonOptions.DoubleList("--s", "Zipf exponents", [0.8, 1.0, 1.2]);
        var fraction = new Option<double>("--capacity-fraction") { Description = "Capacity as a fraction of all models' bytes", DefaultValueFactory = _ => 0.2 };
        var simFractions = CommonOptions.DoubleList("--sim-capacity-fractions", "Capacities of the simulation, as fractions of all models' bytes", [0.1, 0.2]);
        var seed = CommonOptions.Int("--seed", "Trace seed", 42);
        var simModels = CommonOptions.Int("--sim-models", "Models in the simulated trace", 1000);
        var simRequests = CommonOptions.Int("--sim-requests", "Requests in the simulated trace", 100_000);
        var meshModels = CommonOptions.Int("--mesh-models", "Generated models for the real-mesh replay", 100);
        var meshRequests = CommonOptions.Int("--mesh-requests", "Requests replayed on the real mesh per exponent and silo count (0: skip)", 3000);
        var meshMinKb = CommonOptions.Int("--mesh-min-kb", "Smallest generated model (KiB of weights)", 1024);
        var meshMaxKb = CommonOptions.Int("--mesh-max-kb", "Largest generated model (KiB of weights)", 8192);
        var silos = CommonOptions.IntList("--silos", "Silo counts for the real mesh (capacity split evenly)", [1, 2]);
        var json = CommonOptions.Json();
        var command = new Command("hit-ratio", "Cache hit ratio under Zipf traces: LRU vs TinyLFU vs Belady-Size (simulated) and the real mesh on the same trace")
        {
            exponents, fraction, simFractions, seed, simModels, simRequests, meshModels, meshRequests, meshMinKb, meshMaxKb, silos, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new HitRatioOptions(
                parse.GetValue(exponents) ?? [1.0], parse.GetValue(fraction), parse.GetValue(seed),
                parse.GetValue(simModels), parse.GetValue(simRequests), 1_000_000, 100_000_000,
                parse.GetValue(meshModels), parse.GetValue(meshRequests), parse.GetValue(meshMinKb) * 1024L, parse.GetValue(meshMaxKb) * 1024L,
                parse.GetValue(silos) ?? [1], parse.GetValue(json)?.FullName, parse.GetValue(simFractions) ?? [0.2]);
            var report = await HitRatioBenchmark.RunAsync(options, Console.Out, cancellationToken);
            HitRatioBenchmark.WriteTable(report, Console.Out);
            JsonOutput.Write(report, options.JsonPath, Console.Out);
            return 0;
        });
        return command;
    }
}
