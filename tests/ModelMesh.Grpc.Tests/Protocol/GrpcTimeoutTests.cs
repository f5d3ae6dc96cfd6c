namespace ModelMesh.Grpc.Tests;

public class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("7u", 70L)]
    [InlineData("100n", 1L)]
    [InlineData("101n", 2L)]
    [InlineData("0m", 0L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    [InlineData("99999999H", 3_599_999_964_000_000_000L)]
    public void TryParse_ValidValue_ReturnsTimeout(string value, long expectedTicks)
    {
        Assert.True(GrpcTimeout.TryParse(value, out var timeout));
        Assert.Equal(expectedTicks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("123456789S")]
    [InlineData("1.5S")]
    [InlineData("-1S")]
    [InlineData(" 1S")]
    [InlineData("1s")]
    [InlineData("1X")]
    public void TryParse_MalformedValue_ReturnsFalse(string value)
    {
        Assert.False(GrpcTimeout.TryParse(value, out _));
    }

    [Theory]
    [InlineData(1L, "100n")]
    [InlineData(999_999L, "99999900n")]
    [InlineData(1_000_000L, "100000u")]
    [InlineData(1_000_001L, "100001u")]
    [InlineData(36_000_000_000L, "3600000m")]
    [InlineData(0L, "1n")]
    [InlineData(-5L, "1n")]
    public void Format_Timeout_UsesFinestUnitThatFits(long ticks, string expected)
    {
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromTicks(ticks)));
    }

    [Fact]
    public void Format_HugeTimeout_ClampsToMaxHours()
    {
        Assert.Equal("99999999H", GrpcTimeout.Format(TimeSpan.MaxValue));
    }

    [Theory]
    [InlineData(12_345L)]
    [InlineData(10_000_000L)]
    [InlineData(123_456_789_012L)]
    [InlineData(864_000_000_000_000L)]
    public void Format_ThenParse_NeverShortensTimeout(long ticks)
    {
        var formatted = GrpcTimeout.Format(TimeSpan.FromTicks(ticks));

        Assert.True(formatted.Length <= 9);
        Assert.True(GrpcTimeout.TryParse(formatted, out var parsed));
        Assert.True(parsed.Ticks >= ticks);
    }
}
