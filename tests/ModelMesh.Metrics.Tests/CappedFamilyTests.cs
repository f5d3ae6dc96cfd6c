using ModelMesh.Metrics.Tests.Infrastructure;
using Prometheus;

namespace ModelMesh.Metrics.Tests;

public sealed class CappedFamilyTests
{
    private static (CollectorRegistry Registry, MetricFactory Factory) NewRegistry()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        factory.ExemplarBehavior = ExemplarBehavior.NoExemplars();
        return (registry, factory);
    }

    [Fact]
    public void WithLabels_SameValues_SameChild()
    {
        var (_, factory) = NewRegistry();
        var family = new CappedFamily<Counter.Child>(factory.CreateCounter("c_total", "c", ["a", "b"]), factory, 10);
        var first = family.WithLabels("x", "y");
        var key = string.Concat("x", string.Empty);
        Assert.Same(first, family.WithLabels(key, "y"));
        Assert.NotSame(first, family.WithLabels("y", "x"));
    }

    [Fact]
    public void WithLabels_BoundChild_ObservesWithoutAllocating()
    {
        var (_, factory) = NewRegistry();
        var family = new CappedFamily<Histogram.Child>(factory.CreateHistogram("h_seconds", "h", ["model"], Buckets.Configuration(Buckets.LatencySeconds)), factory, 10);
        var child = family.WithLabels("m");
        child.Observe(0.01);
        family.WithLabels("m").Observe(0.01);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            child.Observe(0.01);
            family.WithLabels("m").Observe(0.02);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void WithLabels_WrongNumberOfValues_Throws()
    {
        var (_, factory) = NewRegistry();
        var family = new CappedFamily<Counter.Child>(factory.CreateCounter("c_total", "c", ["a"]), factory, 10);
        Assert.Throws<ArgumentException>(() => family.WithLabels("x", "y"));
        Assert.Throws<ArgumentException>(() => family.WithLabels());
    }

    [Fact]
    public async Task WithLabels_OverCap_FoldsIntoOtherAndCounts()
    {
        var (registry, factory) = NewRegistry();
        var family = new CappedFamily<Counter.Child>(factory.CreateCounter("per_model_total", "p", ["model"]), factory, 2);
        family.WithLabels("a").Inc();
        family.WithLabels("b").Inc();
        family.WithLabels("c").Inc();
        family.WithLabels("d").Inc(2);
        family.WithLabels("a").Inc();
        Assert.Equal(3, family.SeriesCount);
        Assert.Equal(2, family.FoldedCount);
        var text = await registry.ScrapeAsync();
        Assert.Contains("per_model_total{model=\"a\"} 2\n", text);
        Assert.Contains("per_model_total{model=\"other\"} 3\n", text);
        Assert.DoesNotContain("model=\"c\"", text);
        Assert.Contains("metrics_series_folded_total{metric=\"per_model_total\"} 2\n", text);
        Promtool.AssertClean(text);
    }

    [Fact]
    public async Task UnderCap_NoFoldedSeries()
    {
        var (registry, factory) = NewRegistry();
        var family = new CappedFamily<Counter.Child>(factory.CreateCounter("per_model_total", "p", ["model"]), factory, 2);
        family.WithLabels("a").Inc();
        Assert.Equal(0, family.FoldedCount);
        Assert.DoesNotContain("metrics_series_folded_total{", await registry.ScrapeAsync());
    }

    [Fact]
    public async Task TwoFamiliesOnOneRegistry_FoldsCountedPerFamily()
    {
        var (registry, factory) = NewRegistry();
        var one = new CappedFamily<Counter.Child>(factory.CreateCounter("one_total", "p", ["model"]), factory, 1);
        var two = new CappedFamily<Gauge.Child>(factory.CreateGauge("two", "p", ["model"]), factory, 1);
        one.WithLabels("a").Inc();
        one.WithLabels("b").Inc();
        two.WithLabels("a").Set(1);
        two.WithLabels("b").Set(2);
        two.WithLabels("c").Set(3);
        var text = await registry.ScrapeAsync();
        Assert.Contains("metrics_series_folded_total{metric=\"one_total\"} 1\n", text);
        Assert.Contains("metrics_series_folded_total{metric=\"two\"} 2\n", text);
        Assert.Contains("two{model=\"other\"} 3\n", text);
        Promtool.AssertClean(text);
    }

    [Fact]
    public async Task Concurrent_NewLabelSets_CapHeldAndNothingLost()
    {
        var (registry, factory) = NewRegistry();
        var family = new CappedFamily<Counter.Child>(factory.CreateCounter("c_total", "c", ["model"]), factory, 50);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                family.WithLabels($"m{(i * 7 + t) % 200}").Inc();
            }
        })));
        Assert.Equal(51, family.SeriesCount);
        var text = await registry.ScrapeAsync();
        var total = text.Split('\n').Where(l => l.StartsWith("c_total{", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(16_000, total);
        Assert.Equal(16_000 - family.FoldedCount, total - Exposition.Value(text, "c_total{model=\"other\"}"));
    }

    [Fact]
    public async Task LatencyBuckets_AsDocumented()
    {
        var (registry, factory) = NewRegistry();
        factory.CreateHistogram("h_seconds", "h", Buckets.Configuration(Buckets.LatencySeconds)).Observe(0.003);
        var text = await registry.ScrapeAsync();
        Assert.Contains("h_seconds_bucket{le=\"0.0001\"} 0\n", text);
        Assert.Contains("h_seconds_bucket{le=\"0.005\"} 1\n", text);
        Assert.Contains("h_seconds_bucket{le=\"60\"} 1\n", text);
        Assert.Contains("h_seconds_bucket{le=\"+Inf\"} 1\n", text);
        Assert.Equal(Buckets.LatencySeconds.Count + 1, text.Split('\n').Count(l => l.StartsWith("h_seconds_bucket", StringComparison.Ordinal)));
    }
}
