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

    private static string Port() => FreePort.Next().ToString(CultureInfo.InvariantCulture);
}
