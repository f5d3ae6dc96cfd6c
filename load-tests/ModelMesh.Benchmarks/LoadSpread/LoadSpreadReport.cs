using ModelMesh.Benchmarks.Latency;

namespace ModelMesh.Benchmarks.LoadSpread;

/// <summary>Everything one <c>load-spread</c> run produced; ratios are spread / no-spread of the per-mode medians.</summary>
public sealed record LoadSpreadReport(
    MachineInfo Machine,
    LoadSpreadOptions Options,
    long ModelFileBytes,
    string Method,
    DateTimeOffset StartedAt,
    string LoadAverageAtStart,
    string LoadAverageAtEnd,
    ModeSummary Spread,
    ModeSummary NoSpread,
    IReadOnlyList<BurstRound> Rounds)
{
    public double MakespanRatio => Spread.MakespanMs / NoSpread.MakespanMs;

    public double P50Ratio => Spread.P50Ms / NoSpread.P50Ms;

    public double P99Ratio => Spread.P99Ms / NoSpread.P99Ms;

    public double MaxRatio => Spread.MaxMs / NoSpread.MaxMs;
}
