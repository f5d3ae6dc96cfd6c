using System.Text.Json;
using ModelMesh.IntegrationTests.Fixtures;

namespace ModelMesh.IntegrationTests;

/// <summary>
/// The standard services every gRPC tool expects, on the real <c>modelmesh dev</c> process's front door, called by
/// Debian's python3-grpcio (messages encoded by hand in the script: the grpc_health / grpc_reflection modules are not packaged).
/// </summary>
[Collection(DevNodeProcess.Collection)]
public sealed class HealthAndReflectionTests
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task DevFrontDoor_HealthServingAndReflectionListsServices()
    {
        Assert.True(File.Exists(Python), "Debian's /usr/bin/python3 is missing: run scripts/test.sh, which installs the test dependencies");
        await using var node = await DevNodeProcess.StartAsync();
        var scripts = Path.Combine(AppContext.BaseDirectory, "Python");
        var (exitCode, output) = await ProcessRunner.RunAsync(
            Python, ["health_reflection_checks.py", $"127.0.0.1:{node.GrpcPort}"], scripts, TimeSpan.FromMinutes(1));

        Assert.True(exitCode == 0, $"health/reflection checks failed (exit {exitCode}):\n{output}");
        using var result = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        var root = result.RootElement;
        Assert.Equal("SERVING", root.GetProperty("health").GetProperty("status").GetString());
        Assert.Equal("SERVING", root.GetProperty("health_v2").GetProperty("status").GetString());
        Assert.Equal("NOT_FOUND", root.GetProperty("health_unknown").GetProperty("code").GetString());
        foreach (var version in new[] { "reflection_v1", "reflection_v1alpha" })
        {
            var services = root.GetProperty(version).GetProperty("services").EnumerateArray().Select(s => s.GetString()).ToList();
            Assert.Contains("inference.GRPCInferenceService", services);
            Assert.Contains("modelmesh.v1.ModelMesh", services);
            Assert.Contains("grpc.health.v1.Health", services);
        }
    }
}
