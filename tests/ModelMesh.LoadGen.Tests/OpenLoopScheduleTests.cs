using ModelMesh.LoadGen.Load;

namespace ModelMesh.LoadGen.Tests;

public class OpenLoopScheduleTests
{
    [Fact]
    public void IntendedOffset_IsIndexOverRate()
    {
        var s = new OpenLoopSchedule(500);
        Assert.Equal(TimeSpan.Zero, s.IntendedOffset(0));
        Assert.Equal(TimeSpan.FromMilliseconds(2), s.IntendedOffset(1));
        Assert.Equal(TimeSpan.FromSeconds(1), s.IntendedOffset(500));
        Assert.Equal(TimeSpan.FromMilliseconds(2), s.Interval);
    }

    [Theory]
    [InlineData(500, 0, 1)]
    [InlineData(500, 1.999, 1)]
    [InlineData(500, 2, 2)]
    [InlineData(500, 1000, 501)]
    [InlineData(3, 333.4, 2)]
    [InlineData(3, 1000, 4)]
    [InlineData(0.5, 1999, 1)]
    [InlineData(0.5, 2000, 2)]
    public void DueBy_CountsRequestsWhoseIntendedTimeHasCome(double rate, double elapsedMs, long expected)
    {
        var s = new OpenLoopSchedule(rate);
        Assert.Equal(expected, s.DueBy(TimeSpan.FromMilliseconds(elapsedMs)));
    }

    [Fact]
    public void DueBy_BeforeStart_IsZero() => Assert.Equal(0, new OpenLoopSchedule(100).DueBy(TimeSpan.FromMilliseconds(-1)));

    [Fact]
    public void DueBy_AgreesWithIntendedOffset_ForAwkwardRates()
    {
        foreach (var rate in new[] { 7.0, 333.0, 999.9, 12_345 })
        {
            var s = new OpenLoopSchedule(rate);
            for (long i = 0; i < 2000; i++)
            {
                var at = s.IntendedOffset(i);
                Assert.Equal(i + 1, s.DueBy(at));
                Assert.Equal(i, s.DueBy(at - TimeSpan.FromTicks(1)));
            }
        }
    }

    [Theory]
    [InlineData(500, 30_000, 15_000)]
    [InlineData(100, 5_000, 500)]
    [InlineData(3, 1_000, 3)]
    public void CountIn_Window_IsRateTimesLength(double rate, double windowMs, long expected) =>
        Assert.Equal(expected, new OpenLoopSchedule(rate).CountIn(TimeSpan.FromMilliseconds(windowMs)));

    [Fact]
    public void CorrectedLatency_ChargesTheWaitBeforeSending()
    {
        // Due at 100 ms, the client only got it out at 180 ms (stalled), it completed at 190 ms: 90 ms, not 10 ms.
        var latency = OpenLoopSchedule.CorrectedLatency(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(190));
        Assert.Equal(TimeSpan.FromMilliseconds(90), latency);
        Assert.Equal(TimeSpan.Zero, OpenLoopSchedule.CorrectedLatency(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(4)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_InvalidRate_Throws(double rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpenLoopSchedule(rate));
}
