using System.Diagnostics;

namespace ModelMesh.Benchmarks.Latency;

/// <summary>
/// Latency percentiles (nearest rank over every recorded sample, sorted; no histogram bucketing) in microseconds,
/// and throughput over the measured window.
/// </summary>
public sealed record LatencySummary(long Count, double RequestsPerSecond, double P50Us, double P90Us, double P99Us, double MaxUs, double MeanUs)
{
    public static LatencySummary FromTimestampTicks(long[] samples, TimeSpan window)
    {
        if (samples.Length == 0)
        {
            return new LatencySummary(0, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        Array.Sort(samples);
        var mean = samples.Average(s => (double)s);
        return new LatencySummary(
            samples.Length,
            samples.Length / window.TotalSeconds,
            ToMicroseconds(Percentile(samples, 0.50)),
            ToMicroseconds(Percentile(samples, 0.90)),
            ToMicroseconds(Percentile(samples, 0.99)),
            ToMicroseconds(samples[^1]),
            ToMicroseconds(mean));
    }

    /// <summary>Nearest-rank percentile of sorted samples: the smallest value with at least p of the samples at or below it.</summary>
    public static long Percentile(long[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static double ToMicroseconds(double ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
