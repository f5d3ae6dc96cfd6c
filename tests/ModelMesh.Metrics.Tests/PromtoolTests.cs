using ModelMesh.Metrics.Tests.Infrastructure;

namespace ModelMesh.Metrics.Tests;

/// <summary><c>promtool check metrics</c> (the real one) must find no problem at all in what we expose.</summary>
public sealed class PromtoolTests
{
    [Fact]
    public void CheckMetrics_RichSample_ExitsZeroWithNoProblems()
    {
        Promtool.AssertClean(SampleMetrics.Build().Scrape());
    }

    [Fact]
    public void CheckMetrics_EmptyRegistry_ExitsZero()
    {
        Promtool.AssertClean(new MetricsRegistry().Scrape());
    }

    [Fact]
    public void CheckMetrics_BadName_IsReported()
    {
        // The check is live: promtool does complain about a counter without _total.
        var registry = new MetricsRegistry();
        registry.CreateCounter("sample_requests", "no suffix").Inc();
        var (_, output) = Promtool.CheckMetrics(registry.Scrape());
        Assert.Contains("_total", output);
    }
}
