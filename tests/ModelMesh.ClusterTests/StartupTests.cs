using System.Globalization;
using ModelMesh.ClusterTests.Fixtures;
using Xunit.Abstractions;

namespace ModelMesh.ClusterTests;

/// <summary>A role whose registry cannot be reached gives up quickly and says why.</summary>
public sealed class StartupTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("frontdoor")]
    [InlineData("silo")]
    public async Task Start_RegistryPortClosed_ExitsNonZeroWithin10SecondsWithMessage(string role)
    {
        var closed = FreePort.Next(); // nothing listens there
        var registry = $"redis://127.0.0.1:{closed}";
        string[] args = role == "silo"
            ? ["silo", "--registry", registry, "--port", Port(), "--metrics-port", Port(), "--id", "lonely"]
            : ["frontdoor", "--registry", registry, "--grpc-port", Port(), "--http-port", Port(), "--metrics-port", Port()];

        var result = await ModelMeshCli.RunAsync(TimeSpan.FromSeconds(10), args);

        output.WriteLine($"{role}: {result}");
        Assert.True(result.ExitCode is not (0 or -1), $"{role} should exit non-zero by itself within 10 s: {result}");
        Assert.Contains(registry, result.StandardError, StringComparison.Ordinal);
        Assert.Contains("not usable", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frontdoor", "ModelMesh__Placement__DefaultLoadSlots", "0", "DefaultLoadSlots must be at least 1")]
    [InlineData("silo", "ModelMesh__Silo__Cache__ChurnGuard", "soon", "ModelMesh:Silo:Cache")]
    [InlineData("dev", "ModelMesh__FrontDoor__NoSuchOption", "1", "NoSuchOption")]
    public async Task Start_BadSettingInEnvironment_ExitsWithCode2NamingIt(string role, string variable, string value, string expected)
    {
        string[] args = role switch
        {
            "silo" => ["silo", "--registry", "redis://127.0.0.1:1", "--port", Port(), "--metrics-port", Port(), "--id", "s"],
            "frontdoor" => ["frontdoor", "--registry", "redis://127.0.0.1:1", "--grpc-port", Port(), "--http-port", Port(), "--metrics-port", Port()],
            _ => ["dev", "--grpc-port", Port(), "--http-port", Port(), "--metrics-port", Port()],
        };

        var result = await ModelMeshCli.RunAsync(TimeSpan.FromSeconds(30), new Dictionary<string, string> { [variable] = value }, args);

        output.WriteLine($"{role}: {result}");
        Assert.True(result.ExitCode == 2, $"{role} should refuse the setting with exit code 2: {result}");
        Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
    }

    private static string Port() => FreePort.Next().ToString(CultureInfo.InvariantCulture);
}
