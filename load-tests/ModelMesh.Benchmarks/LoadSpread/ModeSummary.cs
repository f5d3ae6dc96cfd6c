using ModelMesh.Benchmarks.Common;

namespace ModelMesh.Benchmarks.LoadSpread;

/// <summary>
/// Medians over the measured rounds of one placement mode (ms). Loads per silo are ranked busiest first in each round
/// (which silo gets the pile varies), then the median is taken per rank.
/// </summary>
public sealed record ModeSummary(string Mode, int Rounds, double MakespanMs, double P50Ms, double P99Ms, double MaxMs, double[] LoadsPerSiloBusiestFirst, int Failed, int WrongOutputs)
{
    public static ModeSummary Of(string mode, IReadOnlyList<BurstRound> rounds)
    {
        var silos = rounds.Count == 0 ? 0 : rounds.Max(r => r.LoadsPerSilo.Length);
        var ranked = rounds.Select(r => r.LoadsPerSilo.OrderDescending().ToArray()).ToList();
        var loads = Enumerable.Range(0, silos).Select(k => Median(ranked.Select(r => k < r.Length ? (double)r[k] : 0))).ToArray();
        return new ModeSummary(
            mode, rounds.Count,
            Median(rounds.Select(r => r.MakespanMs)),
            Median(rounds.Select(r => r.LatencyMs.Median)),
            Median(rounds.Select(r => r.LatencyMs.P99)),
            Median(rounds.Select(r => r.LatencyMs.Max)),
            loads,
            rounds.Sum(r => r.Failed),
            rounds.Sum(r => r.WrongOutputs));
    }

    private static double Median(IEnumerable<double> values) => Percentiles.Of(values).Median;
}
