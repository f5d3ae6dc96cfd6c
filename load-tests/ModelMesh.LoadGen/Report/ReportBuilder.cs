using ModelMesh.LoadGen.Recording;

namespace ModelMesh.LoadGen.Report;

/// <summary>Turns a recorder's histograms into the report's summary, per-second rows and percentile distribution.</summary>
public static class ReportBuilder
{
    /// <summary>Percentiles of the distribution chart: dense near the tail (HdrHistogram's percentile plot).</summary>
    public static readonly double[] DistributionPercentiles =
        [0, 10, 20, 30, 40, 50, 55, 60, 65, 70, 75, 80, 85, 90, 92.5, 95, 96.25, 97.5, 98.125, 98.75, 99, 99.375, 99.5, 99.6875, 99.75, 99.84375, 99.875, 99.9, 99.921875, 99.95, 99.96, 99.97, 99.98, 99.99, 99.995, 99.999, 100];

    public static Summary Summarize(RunRecorder recorder, TimeSpan duration, double offeredPerSecond)
    {
        var h = recorder.Overall;
        var seconds = duration.TotalSeconds;
        return new Summary(
            recorder.Completed + recorder.Failed, recorder.Completed, recorder.Failed, recorder.WarmupRequests, seconds,
            recorder.Completed / seconds, offeredPerSecond, h.Mean / 1000, Ms(h, 50), Ms(h, 90), Ms(h, 99), Ms(h, 99.9), h.Max / 1000.0, h.Min / 1000.0);
    }

    public static List<SecondRow> PerSecond(RunRecorder recorder)
    {
        var rows = new List<SecondRow>(recorder.Seconds);
        for (var s = 0; s < recorder.Seconds; s++)
        {
            var h = recorder.PerSecond[s];
            var errors = recorder.ErrorsPerSecond[s].Values.Sum();
            rows.Add(new SecondRow(s, recorder.CompletedInSecond(s), errors, Ms(h, 50), Ms(h, 90), Ms(h, 99), h.Max / 1000.0));
        }

        return rows;
    }

    public static List<PercentilePoint> Distribution(LatencyHistogram histogram) =>
        [.. DistributionPercentiles.Select(p => new PercentilePoint(p, Ms(histogram, p)))];

    private static double Ms(LatencyHistogram h, double percentile) => h.ValueAtPercentile(percentile) / 1000.0;
}
