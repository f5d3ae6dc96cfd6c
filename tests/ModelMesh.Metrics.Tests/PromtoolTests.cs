using ModelMesh.Metrics.Tests.Infrastructure;

namespace ModelMesh.Metrics.Tests;

/// <summary><c>promtool check metrics</c> (the real one) must find no problem at all in what we expose.</summary>
public sealed class PromtoolTests
{
    [Fact]
    public async Task CheckMetrics_RichSample_ExitsZeroWithNoProblems()
    {
        Promtool.AssertClean(await SampleMetrics.Build().ScrapeAsync());
    }

    [Fact]
    public async Task CheckMetrics_EmptyRegistry_ExitsZero()
    {
        Promtool.AssertClean(await Prometheus.Metrics.NewCustomRegistry().ScrapeAsync());
    }

    [Fact]
    public async Task CheckMetrics_BadName_IsReported()
    {
        // The check is live: promtool does complain about a counter without _total.
        var registry = Prometheus.Metrics.NewCustomRegistry();
        Prometheus.Metrics.WithCustomRegistry(registry).CreateCounter("sample_requests", "no suffix").Inc();
        var (_, output) = Promtool.CheckMetrics(await registry.ScrapeAsync());
        Assert.Contains("_total", output);
    }
}
