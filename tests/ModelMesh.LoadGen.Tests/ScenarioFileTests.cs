using ModelMesh.LoadGen.Scenarios;

namespace ModelMesh.LoadGen.Tests;

public class ScenarioFileTests
{
    [Fact]
    public void Scenarios_InRepository_Parse()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "../../../../../load-tests/scenarios");
        var files = Directory.GetFiles(dir, "*.yaml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var s = ScenarioFile.Load(file);
            Assert.Equal(Path.GetFileNameWithoutExtension(file), s.Name);
            Assert.True(Units.Duration(s.Load.Duration) > TimeSpan.Zero);
        }
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("5s", 5)]
    [InlineData("2m", 120)]
    [InlineData("3", 3)]
    public void Duration_Parses(string text, double seconds) => Assert.Equal(TimeSpan.FromSeconds(seconds), Units.Duration(text));

    [Theory]
    [InlineData("64KiB", 65536)]
    [InlineData("1MiB", 1048576)]
    [InlineData("2MB", 2_000_000)]
    [InlineData("100", 100)]
    public void Size_Parses(string text, long bytes) => Assert.Equal(bytes, Units.Size(text));
}
