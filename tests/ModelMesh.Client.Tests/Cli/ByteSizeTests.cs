using ModelMesh.Host.Cli;

namespace ModelMesh.Client.Tests.Cli;

public class ByteSizeTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1048576", 1048576L)]
    [InlineData("512B", 512L)]
    [InlineData("1KiB", 1024L)]
    [InlineData("512MiB", 512L * 1024 * 1024)]
    [InlineData("512 MiB", 512L * 1024 * 1024)]
    [InlineData(" 2GiB ", 2L * 1024 * 1024 * 1024)]
    [InlineData("1.5GiB", 1536L * 1024 * 1024)]
    [InlineData("3TiB", 3L * 1024 * 1024 * 1024 * 1024)]
    [InlineData("512mib", 512L * 1024 * 1024)]
    [InlineData("256Mi", 256L * 1024 * 1024)]
    [InlineData("4Gi", 4L * 1024 * 1024 * 1024)]
    [InlineData("300MB", 300_000_000L)]
    [InlineData("2kB", 2000L)]
    [InlineData("1GB", 1_000_000_000L)]
    [InlineData("0.5KiB", 512L)]
    public void Parse_ValidSize_ReturnsBytes(string text, long expected) => Assert.Equal(expected, ByteSize.Parse(text));

    [Theory]
    [InlineData("", "does not start with a non-negative number")]
    [InlineData("   ", "does not start with a non-negative number")]
    [InlineData("MiB", "does not start with a non-negative number")]
    [InlineData("-5MiB", "does not start with a non-negative number")]
    [InlineData("12QB", "'QB' is not a unit")]
    [InlineData("5 MiBs", "'MiBs' is not a unit")]
    [InlineData("1.2.3MiB", "does not start with a non-negative number")]
    [InlineData("10000000TiB", "too large")]
    [InlineData("99999999999999999999", "too large")]
    public void Parse_InvalidSize_ThrowsFormatExceptionSayingWhy(string text, string why)
    {
        var error = Assert.Throws<FormatException>(() => ByteSize.Parse(text));

        Assert.Contains($"Invalid size '{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.Contains("512MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException() => Assert.Throws<ArgumentNullException>(() => ByteSize.Parse(null!));

    [Theory]
    [InlineData("7GiB", true, 7L * 1024 * 1024 * 1024)]
    [InlineData("seven", false, 0L)]
    [InlineData(null, false, 0L)]
    public void TryParse_ReportsSuccess(string? text, bool ok, long expected)
    {
        Assert.Equal(ok, ByteSize.TryParse(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData(0L, "0 B")]
    [InlineData(1000L, "1000 B")]
    [InlineData(1023L, "1023 B")]
    [InlineData(1024L, "1 KiB")]
    [InlineData(1536L, "1.5 KiB")]
    [InlineData(512L * 1024 * 1024, "512 MiB")]
    [InlineData(1_572_864L, "1.5 MiB")]
    [InlineData(5L * 1024 * 1024 * 1024 / 4, "1.25 GiB")]
    [InlineData(1048575L, "1 MiB")]
    [InlineData(2L * 1024 * 1024 * 1024 * 1024, "2 TiB")]
    [InlineData(-2048L, "-2 KiB")]
    public void Format_Bytes_ReturnsHumanSize(long bytes, string expected) => Assert.Equal(expected, ByteSize.Format(bytes));

    [Theory]
    [InlineData(0L)]
    [InlineData(512L)]
    [InlineData(3L * 1024)]
    [InlineData(512L * 1024 * 1024)]
    [InlineData(1536L * 1024 * 1024)]
    [InlineData(40L * 1024 * 1024 * 1024 * 1024)]
    public void Format_ExactMultiple_ParsesBackToSameValue(long bytes) => Assert.Equal(bytes, ByteSize.Parse(ByteSize.Format(bytes)));

    [Fact]
    public void Format_LongMinValue_DoesNotThrow() => Assert.StartsWith("-", ByteSize.Format(long.MinValue), StringComparison.Ordinal);
}
