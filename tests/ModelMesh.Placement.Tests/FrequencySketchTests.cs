namespace ModelMesh.Placement.Tests;

public sealed class FrequencySketchTests
{
    [Fact]
    public void Estimate_UnseenKey_Zero()
    {
        var sketch = new FrequencySketch();

        Assert.Equal(0, sketch.Estimate("never"));
    }

    [Fact]
    public void Increment_FirstGoesToTheDoorkeeper_ThenCounts()
    {
        var sketch = new FrequencySketch();

        sketch.Increment("a");
        Assert.Equal(1, sketch.Estimate("a"));
        sketch.Increment("a");
        sketch.Increment("a");
        Assert.Equal(3, sketch.Estimate("a"));
        Assert.Equal(0, sketch.Estimate("b"));
    }

    [Fact]
    public void Increment_Saturates_AtSixteen()
    {
        var sketch = new FrequencySketch(window: 100);

        for (var i = 0; i < 40; i++)
        {
            sketch.Increment("hot");
        }

        Assert.Equal(16, sketch.Estimate("hot"));
    }

    [Fact]
    public void Ageing_AfterWindowTimesHeldCopies_HalvesCountersAndClearsTheDoorkeeper()
    {
        // Window 1, at most 64 copies held: a halving every 64 increments. 63 increments: doorkeeper + 14 counted, the counter
        // saturated at 15 (estimate 16); the 64th triggers the halving: 15 -> 7, doorkeeper cleared.
        var sketch = new FrequencySketch(window: 1);
        sketch.EnsureCapacity(10);
        for (var i = 0; i < 63; i++)
        {
            sketch.Increment("a");
        }

        Assert.Equal(16, sketch.Estimate("a"));
        Assert.Equal(0, sketch.Resets);

        sketch.Increment("a");

        Assert.Equal(1, sketch.Resets);
        Assert.Equal(7, sketch.Estimate("a"));
    }

    [Fact]
    public void Estimate_ManyKeys_NeverBelowTheTrueCount()
    {
        // Count-min with conservative update only over-estimates (collisions); 300 keys, 1-5 requests each, no ageing in between.
        var sketch = new FrequencySketch(window: 10);
        sketch.EnsureCapacity(300);
        var counts = new Dictionary<string, int>();
        for (var round = 0; round < 5; round++)
        {
            for (var k = 0; k < 300; k++)
            {
                if (k % 5 >= round)
                {
                    sketch.Increment($"model-{k}");
                    counts[$"model-{k}"] = counts.GetValueOrDefault($"model-{k}") + 1;
                }
            }
        }

        Assert.Equal(0, sketch.Resets);
        Assert.All(counts, c => Assert.InRange(sketch.Estimate(c.Key), c.Value, 16));
        var exact = counts.Count(c => sketch.Estimate(c.Key) == c.Value);
        Assert.True(exact >= 270, $"only {exact} of 300 estimates are exact");
    }

    [Fact]
    public void EnsureCapacity_GrowsTheWidthWithTheHeldCopies()
    {
        var sketch = new FrequencySketch(expectedKeys: 16);
        Assert.Equal(64, sketch.Width);

        sketch.EnsureCapacity(1000);

        Assert.Equal(4096, sketch.Width);
    }

    [Fact]
    public void Constructor_InvalidWindow_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrequencySketch(window: 0));
    }
}
