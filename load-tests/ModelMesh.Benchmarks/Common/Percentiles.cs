namespace ModelMesh.Benchmarks.Common;

/// <summary>Median, p90, p99 and max of a set of samples (nearest rank over every sample, no bucketing).</summary>
public sealed record Percentiles(int Count, double Median, double P90, double P99, double Max, double Min)
{
    public static Percentiles Of(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        return new Percentiles(sorted.Length, Rank(sorted, 0.5), Rank(sorted, 0.9), Rank(sorted, 0.99), sorted[^1], sorted[0]);
    }

    /// <summary>Nearest rank: the smallest sample with at least p of the samples at or below it.</summary>
    public static double Rank(double[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
