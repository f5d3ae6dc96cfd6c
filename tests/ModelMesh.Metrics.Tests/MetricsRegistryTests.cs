namespace ModelMesh.Metrics.Tests;

public sealed class MetricsRegistryTests
{
    private static string ScrapeWithoutFolded(MetricsRegistry registry) =>
        registry.Scrape().Replace(
            "# HELP metrics_series_folded_total Label sets folded into a family's overflow series (all label values \"other\") because the family reached its series cap.\n# TYPE metrics_series_folded_total counter\n",
            string.Empty,
            StringComparison.Ordinal);

    [Fact]
    public void Scrape_Counter_HelpTypeAndValue()
    {
        var registry = new MetricsRegistry();
        var counter = registry.CreateCounter("mm_loads_total", "Loads.");
        counter.Inc();
        counter.Inc(2);
        counter.Inc(0.5);
        Assert.Equal("# HELP mm_loads_total Loads.\n# TYPE mm_loads_total counter\nmm_loads_total 3.5\n", ScrapeWithoutFolded(registry));
    }

    [Fact]
    public void Scrape_LabeledGauge_SeriesInFirstUseOrder()
    {
        var registry = new MetricsRegistry();
        var gauge = registry.CreateGaugeFamily("mm_used_bytes", "Used.", ["device", "silo"]);
        gauge.WithLabels("gpu", "s\"1").Set(7);
        gauge.WithLabels("cpu", "s\n2").Set(-1.5);
        gauge.WithLabels("gpu", "s\"1").Inc(3);
        Assert.Equal(
            "# HELP mm_used_bytes Used.\n# TYPE mm_used_bytes gauge\nmm_used_bytes{device=\"gpu\",silo=\"s\\\"1\"} 10\nmm_used_bytes{device=\"cpu\",silo=\"s\\n2\"} -1.5\n",
            ScrapeWithoutFolded(registry));
    }

    [Fact]
    public void Scrape_Histogram_CumulativeBucketsSumCount()
    {
        var registry = new MetricsRegistry();
        var histogram = registry.CreateHistogramFamily("mm_latency_seconds", "Latency.", ["code"], [0.1, 1]);
        var ok = histogram.WithLabels("OK");
        ok.Observe(0.05);
        ok.Observe(0.1);
        ok.Observe(0.5);
        ok.Observe(3);
        Assert.Equal(
            "# HELP mm_latency_seconds Latency.\n# TYPE mm_latency_seconds histogram\n" +
            "mm_latency_seconds_bucket{code=\"OK\",le=\"0.1\"} 2\n" +
            "mm_latency_seconds_bucket{code=\"OK\",le=\"1\"} 3\n" +
            "mm_latency_seconds_bucket{code=\"OK\",le=\"+Inf\"} 4\n" +
            "mm_latency_seconds_sum{code=\"OK\"} 3.65\n" +
            "mm_latency_seconds_count{code=\"OK\"} 4\n",
            ScrapeWithoutFolded(registry));
    }

    [Fact]
    public void Histogram_NaN_OnlyInInfBucket()
    {
        var histogram = new MetricsRegistry().CreateHistogramFamily("h_seconds", "h", [], [1]);
        histogram.WithLabels().Observe(double.NaN);
        using var output = new StringWriter();
        histogram.Write(new ExpositionWriter(output));
        Assert.Contains("h_seconds_bucket{le=\"1\"} 0\n", output.ToString());
        Assert.Contains("h_seconds_bucket{le=\"+Inf\"} 1\n", output.ToString());
        Assert.Contains("h_seconds_sum NaN\n", output.ToString());
    }

    [Fact]
    public void Histogram_DefaultBuckets_Span100MicrosecondsTo60Seconds()
    {
        var histogram = new MetricsRegistry().CreateHistogramFamily("h_seconds", "h", []);
        Assert.Equal(0.0001, histogram.Bounds[0]);
        Assert.Equal(60, histogram.Bounds[^1]);
    }

    [Fact]
    public void WithLabels_SameValues_SameChild()
    {
        var family = new MetricsRegistry().CreateCounterFamily("c_total", "c", ["a", "b"]);
        var first = family.WithLabels("x", "y");
        var key = string.Concat("x", string.Empty);
        Assert.Same(first, family.WithLabels(key, "y"));
        Assert.NotSame(first, family.WithLabels("y", "x"));
    }

    [Fact]
    public void WithLabels_BoundChild_ObservesWithoutAllocating()
    {
        var family = new MetricsRegistry().CreateHistogramFamily("h_seconds", "h", ["model"]);
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
        var family = new MetricsRegistry().CreateCounterFamily("c_total", "c", ["a"]);
        Assert.Throws<ArgumentException>(() => family.WithLabels("x", "y"));
        Assert.Throws<ArgumentException>(() => family.WithLabels());
    }

    [Fact]
    public void WithLabels_OverCap_FoldsIntoOtherAndCounts()
    {
        var registry = new MetricsRegistry();
        var family = registry.CreateCounterFamily("per_model_total", "p", ["model"], maxSeries: 2);
        family.WithLabels("a").Inc();
        family.WithLabels("b").Inc();
        family.WithLabels("c").Inc();
        family.WithLabels("d").Inc(2);
        family.WithLabels("a").Inc();
        Assert.Equal(3, family.SeriesCount);
        Assert.Equal(2, family.FoldedCount);
        var text = registry.Scrape();
        Assert.Contains("per_model_total{model=\"a\"} 2\n", text);
        Assert.Contains("per_model_total{model=\"other\"} 3\n", text);
        Assert.DoesNotContain("model=\"c\"", text);
        Assert.Contains("metrics_series_folded_total{metric=\"per_model_total\"} 2\n", text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1abc")]
    [InlineData("a-b")]
    [InlineData("a b")]
    [InlineData("é")]
    public void Create_InvalidMetricName_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => new MetricsRegistry().CreateCounter(name, "x"));
    }

    [Theory]
    [InlineData("ok_name")]
    [InlineData("_x")]
    [InlineData("ns:sub:metric_total")]
    [InlineData("A9")]
    public void IsValidMetricName_ValidNames_True(string name)
    {
        Assert.True(MetricNames.IsValidMetricName(name));
    }

    [Theory]
    [InlineData("__reserved")]
    [InlineData("a:b")]
    [InlineData("9x")]
    [InlineData("")]
    public void Create_InvalidLabelName_Throws(string label)
    {
        Assert.Throws<ArgumentException>(() => new MetricsRegistry().CreateCounterFamily("c_total", "c", [label]));
    }

    [Fact]
    public void CreateHistogram_LeLabel_Throws()
    {
        Assert.Throws<ArgumentException>(() => new MetricsRegistry().CreateHistogramFamily("h_seconds", "h", ["le"]));
    }

    [Fact]
    public void Create_SameNameSameShape_ReturnsExisting()
    {
        var registry = new MetricsRegistry();
        var family = registry.CreateCounterFamily("c_total", "c", ["a"]);
        Assert.Same(family, registry.CreateCounterFamily("c_total", "c", ["a"]));
    }

    [Fact]
    public void Create_SameNameOtherShape_Throws()
    {
        var registry = new MetricsRegistry();
        registry.CreateCounterFamily("c_total", "c", ["a"]);
        Assert.Throws<InvalidOperationException>(() => registry.CreateCounterFamily("c_total", "c", ["b"]));
        Assert.Throws<InvalidOperationException>(() => registry.CreateGauge("c_total", "c"));
    }

    [Fact]
    public void Create_NameOfHistogramSample_Throws()
    {
        var registry = new MetricsRegistry();
        registry.CreateHistogram("h_seconds", "h");
        Assert.Throws<InvalidOperationException>(() => registry.CreateGauge("h_seconds_count", "c"));
    }

    [Fact]
    public void Counter_Negative_Throws()
    {
        var counter = new MetricsRegistry().CreateCounter("c_total", "c");
        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Inc(-1L));
        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Inc(-0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Inc(double.NaN));
    }

    [Fact]
    public async Task Observe_Concurrent_NothingLost()
    {
        var registry = new MetricsRegistry();
        var counter = registry.CreateCounter("c_total", "c");
        var gauge = registry.CreateGauge("g", "g");
        var histogram = registry.CreateHistogramFamily("h_seconds", "h", ["t"]);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                counter.Inc();
                counter.Inc(0.5);
                gauge.Inc();
                histogram.WithLabels((i % 3).ToString()).Observe(0.001);
            }
        })));
        Assert.Equal(120_000, counter.Value);
        Assert.Equal(80_000, gauge.Value);
        Assert.Equal(80_000, histogram.WithLabels("0").Count + histogram.WithLabels("1").Count + histogram.WithLabels("2").Count);
        Assert.Equal(80, histogram.WithLabels("0").Sum + histogram.WithLabels("1").Sum + histogram.WithLabels("2").Sum, 6);
    }

    [Fact]
    public void CallbackFamily_ReadAtScrape()
    {
        var registry = new MetricsRegistry();
        var value = 1.0;
        registry.CreateCallbackGauge("cb_bytes", "cb", () => value);
        Assert.Contains("cb_bytes 1\n", registry.Scrape());
        value = 2;
        Assert.Contains("cb_bytes 2\n", registry.Scrape());
    }

    [Fact]
    public void CallbackFamily_Throws_HeaderOnly()
    {
        var registry = new MetricsRegistry();
        registry.CreateCallbackGauge("cb_bytes", "cb", () => throw new InvalidOperationException());
        var text = registry.Scrape();
        Assert.Contains("# TYPE cb_bytes gauge\n", text);
        Assert.DoesNotContain("cb_bytes ", text.Replace("# TYPE cb_bytes ", string.Empty).Replace("# HELP cb_bytes ", string.Empty));
    }
}
