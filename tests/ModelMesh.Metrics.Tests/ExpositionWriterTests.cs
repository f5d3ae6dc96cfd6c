namespace ModelMesh.Metrics.Tests;

public sealed class ExpositionWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("say \"hi\"", "say \\\"hi\\\"")]
    [InlineData("two\nlines", "two\\nlines")]
    [InlineData("\\\"\n", "\\\\\\\"\\n")]
    [InlineData("", "")]
    [InlineData("ünï ✓", "ünï ✓")]
    public void EscapeLabelValue_SpecialCharacters_Escaped(string value, string expected)
    {
        Assert.Equal(expected, ExpositionWriter.EscapeLabelValue(value));
    }

    [Fact]
    public void EscapeHelp_QuotesKept_BackslashAndNewlineEscaped()
    {
        Assert.Equal("say \"hi\"\\nback\\\\slash", ExpositionWriter.EscapeHelp("say \"hi\"\nback\\slash"));
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(0.0, "0")]
    [InlineData(42.0, "42")]
    [InlineData(0.25, "0.25")]
    [InlineData(-3.5, "-3.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-5, "1E-05")]
    [InlineData(1e21, "1E+21")]
    public void FormatDouble_Values_PrometheusSpelling(double value, string expected)
    {
        Assert.Equal(expected, ExpositionWriter.FormatDouble(value));
    }

    [Fact]
    public void FormatDouble_RoundTrips()
    {
        foreach (var value in new[] { 0.1 + 0.2, Math.PI, 1.0 / 3, 123456789.123456789, double.Epsilon, double.MaxValue })
        {
            Assert.Equal(value, double.Parse(ExpositionWriter.FormatDouble(value), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void WriteHeader_HelpAndType_TwoLines()
    {
        using var output = new StringWriter();
        new ExpositionWriter(output).WriteHeader("x_total", "Things\\done\n.", MetricType.Counter);
        Assert.Equal("# HELP x_total Things\\\\done\\n.\n# TYPE x_total counter\n", output.ToString());
    }

    [Fact]
    public void WriteSample_LabelsAndExtraLabel_OneLine()
    {
        using var output = new StringWriter();
        new ExpositionWriter(output).WriteSample("h_bucket", ["a", "b"], ["x\"", "y"], 3L, "le", "0.5");
        Assert.Equal("h_bucket{a=\"x\\\"\",b=\"y\",le=\"0.5\"} 3\n", output.ToString());
    }
}
