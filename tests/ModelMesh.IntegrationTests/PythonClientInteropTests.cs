using ModelMesh.IntegrationTests.Fixtures;

namespace ModelMesh.IntegrationTests;

/// <summary>
/// End to end against real peers: the real <c>modelmesh dev</c> process with its sample models, called by
/// Debian's python3-grpcio (a client built only from the V2 .proto, and Triton's numbering of the statistics
/// extension's messages) and plain HTTP, with outputs checked
/// against an independent numpy evaluation of each ONNX graph (python3-onnx reads the model files).
/// </summary>
[Collection(DevNodeProcess.Collection)]
public sealed class PythonClientInteropTests
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task DevNode_PythonGrpcAndRestClient_AllChecksPass()
    {
        Assert.True(File.Exists(Python), "Debian's /usr/bin/python3 is missing: run scripts/test.sh, which installs the test dependencies");
        await using var node = await DevNodeProcess.StartAsync();
        var scripts = Path.Combine(AppContext.BaseDirectory, "Python");
        var (exitCode, output) = await ProcessRunner.RunAsync(
            Python,
            [
                "v2_client_checks.py", "--grpc", $"127.0.0.1:{node.GrpcPort}", "--http", $"127.0.0.1:{node.HttpPort}",
                "--models", node.SamplesDirectory, "--proto", Path.Combine(scripts, "grpc_predict_v2.proto"),
                "--triton-proto", Path.Combine(scripts, "triton_statistics.proto"),
            ],
            scripts,
            TimeSpan.FromMinutes(3));

        Assert.True(exitCode == 0, $"python V2 client checks failed (exit {exitCode}):\n{output}\n--- node output ---\n{node.Output}");
        Assert.Contains("PASS every_datatype_raw", output, StringComparison.Ordinal);
        Assert.Contains("PASS every_datatype_typed", output, StringComparison.Ordinal);
        Assert.Contains("PASS bytes_with_nul_and_non_utf8_round_trip", output, StringComparison.Ordinal);
        Assert.Contains("PASS rest_v1_predict", output, StringComparison.Ordinal);
        Assert.Contains("PASS triton_statistics_grpc_counts_move_by_the_requests_sent", output, StringComparison.Ordinal);
        Assert.Contains("PASS triton_statistics_rest_counts_move_by_the_requests_sent", output, StringComparison.Ordinal);
        Assert.Contains("all checks passed", output, StringComparison.Ordinal);
    }
}
