using ModelMesh.LoadGen.Recording;

namespace ModelMesh.LoadGen.Tests;

public class LatencyHistogramTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(123_456)]
    [InlineData(LatencyHistogram.MaxValue)]
    public void IndexOf_Value_FallsWithinItsBucketBounds(long value)
    {
        var index = LatencyHistogram.IndexOf(value);
        Assert.InRange(value, LatencyHistogram.LowestOf(index), LatencyHistogram.HighestOf(index));
    }

    [Fact]
    public void Buckets_AreContiguousAndRelativeErrorBelowOnePercent()
    {
        for (var i = 1; i < LatencyHistogram.IndexOf(LatencyHistogram.MaxValue); i++)
        {
            Assert.Equal(LatencyHistogram.HighestOf(i - 1) + 1, LatencyHistogram.LowestOf(i));
            var low = LatencyHistogram.LowestOf(i);
            var width = LatencyHistogram.HighestOf(i) - low + 1;
            Assert.True(low < 256 || (double)width / low <= 1.0 / 128, $"bucket {i} [{low}, +{width}) too wide");
        }
    }

    [Fact]
    public void ValueAtPercentile_UniformValues_WithinBucketPrecision()
    {
        var h = new LatencyHistogram();
        for (var v = 1; v <= 100_000; v++)
        {
            h.Record(v);
        }

        Assert.Equal(100_000, h.TotalCount);
        foreach (var p in new[] { 50.0, 90, 99, 99.9 })
        {
            var expected = p / 100 * 100_000;
            Assert.InRange(h.ValueAtPercentile(p), expected, expected * 1.008);
        }

        Assert.Equal(100_000, h.ValueAtPercentile(100));
        Assert.Equal(100_000, h.Max);
        Assert.Equal(1, h.Min);
        Assert.Equal(50_000.5, h.Mean, 3);
    }

    [Fact]
    public void ValueAtPercentile_SmallValues_AreExact()
    {
        var h = new LatencyHistogram();
        foreach (var v in new long[] { 5, 1, 3, 2, 4 })
        {
            h.Record(v);
        }

        Assert.Equal(1, h.ValueAtPercentile(0));
        Assert.Equal(3, h.ValueAtPercentile(50));
        Assert.Equal(4, h.ValueAtPercentile(80));
        Assert.Equal(5, h.ValueAtPercentile(99.9));
    }

    [Fact]
    public void ValueAtPercentile_NeverExceedsMax()
    {
        var h = new LatencyHistogram();
        h.Record(1_000_001);
        Assert.Equal(1_000_001, h.ValueAtPercentile(50));
    }

    [Fact]
    public void Record_OutOfRange_IsClamped()
    {
        var h = new LatencyHistogram();
        h.Record(-5);
        h.Record(long.MaxValue);
        Assert.Equal(0, h.Min);
        Assert.Equal(LatencyHistogram.MaxValue, h.Max);
    }

    [Fact]
    public void Add_MergesCountsMinMax()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        a.Record(10);
        b.Record(1000);
        b.Record(20);
        a.Add(b);
        Assert.Equal(3, a.TotalCount);
        Assert.Equal(10, a.Min);
        Assert.Equal(1000, a.Max);
        Assert.Equal(20, a.ValueAtPercentile(50));
    }

    [Fact]
    public void Record_Concurrent_LosesNothing()
    {
        var h = new LatencyHistogram();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                h.Record(i % 2000);
            }
        });
        Assert.Equal(80_000, h.TotalCount);
        Assert.Equal(80_000, h.Buckets().Sum(b => b.Count));
    }

    [Fact]
    public void ValueAtPercentile_Empty_IsZero() => Assert.Equal(0, new LatencyHistogram().ValueAtPercentile(99));
}
