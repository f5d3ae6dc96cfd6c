using ModelMesh.Benchmarks.Common;
using ModelMesh.Benchmarks.Latency;
using ModelMesh.Silo;

namespace ModelMesh.Benchmarks.LoadSpread;

/// <summary>
/// Load spreading (PlacementOptions.SpreadConcurrentLoads): two in-process clusters side by side, one spreading a
/// burst of cold loads over the silos' loading slots and one placing by best fit only. Each round sends the same
/// burst (N distinct cold models, all first requests at once) to both, in alternating order so that a change in the
/// machine's load hits both modes alike. One untimed warm-up round per cluster first (JIT, connections).
/// </summary>
public static class LoadSpreadBenchmark
{
    public const string Method =
        "per round and cluster: register N files under new ids (untimed), release all N first requests at once (awaited gate), "
        + "time gate -> each answer and gate -> last answer (makespan), count loaded copies per silo, unregister (unloads); "
        + "rounds alternate which cluster goes first; round 0 is an untimed warm-up";

    public static async Task<LoadSpreadReport> RunAsync(LoadSpreadOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        using var folder = new TempFolder("modelmesh-spread");
        var machine = MachineInfo.Capture(ProcessOrtRuntime.Get().Version);
        var startedAt = DateTimeOffset.UtcNow;
        var loadAtStart = MachineInfo.ReadLoadAverage();
        progress.WriteLine($"Machine: {machine}; load average {loadAtStart}");
        progress.WriteLine($"Writing {options.Models} models of {options.ModelBytes / (1024.0 * 1024):F0} MiB of weights ...");
        var models = new List<BurstModel>();
        for (var i = 0; i < options.Models; i++)
        {
            models.Add(BurstModel.Write(folder.Path, i, options.ModelBytes));
        }

        await using var spread = await SpreadCluster.StartAsync(spread: true, options, cancellationToken);
        await using var noSpread = await SpreadCluster.StartAsync(spread: false, options, cancellationToken);
        var rounds = new List<BurstRound>();
        for (var round = 0; round <= options.Rounds; round++)
        {
            SpreadCluster[] order = round % 2 == 0 ? [noSpread, spread] : [spread, noSpread];
            foreach (var cluster in order)
            {
                var result = await BurstRunner.RunAsync(cluster, models, round, cancellationToken);
                progress.WriteLine(
                    $"  round {round}{(round == 0 ? " (warm-up)" : "")} {result.Mode,-9}: makespan {result.MakespanMs,7:F1} ms, p50 {result.LatencyMs.Median,7:F1}, "
                    + $"p99 {result.LatencyMs.P99,7:F1}, loads per silo {string.Join('/', result.LoadsPerSilo)}, failed {result.Failed}, wrong {result.WrongOutputs}"
                    + $"{(result.FirstError is null ? "" : $" ({result.FirstError})")}; load average {MachineInfo.ReadLoadAverage()}");
                if (round > 0)
                {
                    rounds.Add(result);
                }
            }
        }

        return new LoadSpreadReport(
            machine, options, models[0].FileBytes, Method, startedAt, loadAtStart, MachineInfo.ReadLoadAverage(),
            ModeSummary.Of(spread.Mode, [.. rounds.Where(r => r.Mode == spread.Mode)]),
            ModeSummary.Of(noSpread.Mode, [.. rounds.Where(r => r.Mode == noSpread.Mode)]),
            rounds);
    }

    public static void WriteTable(LoadSpreadReport report, TextWriter writer)
    {
        var table = new TextTable("mode", "rounds", "makespan", "p50", "p99", "max", "loads per silo (busiest first)", "failed", "wrong outputs");
        foreach (var m in new[] { report.Spread, report.NoSpread })
        {
            table.Add(m.Mode, TextTable.I(m.Rounds), TextTable.N(m.MakespanMs), TextTable.N(m.P50Ms), TextTable.N(m.P99Ms), TextTable.N(m.MaxMs),
                string.Join(" / ", m.LoadsPerSiloBusiestFirst.Select(l => TextTable.N(l, "F0"))), TextTable.I(m.Failed), TextTable.I(m.WrongOutputs));
        }

        table.Add("spread / no-spread", "", TextTable.N(report.MakespanRatio, "F2"), TextTable.N(report.P50Ratio, "F2"), TextTable.N(report.P99Ratio, "F2"),
            TextTable.N(report.MaxRatio, "F2"), "", "", "");
        table.Write(writer);
        writer.WriteLine();
        var o = report.Options;
        writer.WriteLine($"Medians over rounds, milliseconds from releasing the burst. {o.Silos} silos x {o.LoadSlots} loading slots, {o.Models} distinct cold models "
            + $"of {TextTable.I(report.ModelFileBytes)} bytes each, silo capacity {o.SiloCapacityBytes / (1024 * 1024)} MiB.");
        writer.WriteLine($"Outputs checked against a plain-C# evaluation of each model (tolerance {BurstRound.Tolerance}).");
        writer.WriteLine($"Load average (1/5/15 min) at start {report.LoadAverageAtStart}, at end {report.LoadAverageAtEnd}.");
    }
}
