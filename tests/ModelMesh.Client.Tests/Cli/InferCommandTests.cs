using System.Text.Json;
using ModelMesh.Contracts.Management;

namespace ModelMesh.Client.Tests.Cli;

/// <summary><c>modelmesh infer</c>: V2 JSON in, gRPC on the wire, V2 JSON out (the fake echoes inputs as outputs).</summary>
public class InferCommandTests(FakeServerFixture fixture) : IClassFixture<FakeServerFixture>
{
    private const string MlpBody = """{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[1,2,3,4]}]}""";

    private FakeModelMeshServer Server => fixture.Server;

    [Fact]
    public async Task Infer_InlineJson_SendsGrpcAndPrintsV2Json()
    {
        Server.Models["mlp"] = new ModelStatusInfo { ModelId = "mlp", Status = ModelStatus.Loaded };

        var run = await CliRun.InvokeAsync("infer", "mlp", "--input", MlpBody, "--endpoint", Server.Endpoint);

        Assert.True(run.ExitCode == 0, run.ToString());
        var sent = Server.LastInfer!;
        Assert.Equal("mlp", sent.ModelName);
        Assert.Equal("input", sent.Inputs[0].Name);
        Assert.Equal([1L, 4L], sent.Inputs[0].Shape);
        Assert.Equal(16, sent.RawInputContents[0].Length);
        Assert.Equal(
            """
            {
              "model_name": "mlp",
              "model_version": "1",
              "outputs": [
                {
                  "name": "echo_input",
                  "datatype": "FP32",
                  "shape": [
                    1,
                    4
                  ],
                  "data": [
                    1,
                    2,
                    3,
                    4
                  ]
                }
              ]
            }

            """.ReplaceLineEndings("\n"),
            run.Out);
    }

    [Fact]
    public async Task Infer_FileInputJsonOutput_PrintsOneLine()
    {
        Server.Models["simple"] = new ModelStatusInfo { ModelId = "simple", Status = ModelStatus.Loaded };
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, """
            {"id":"req-7","inputs":[{"name":"INPUT0","shape":[2],"datatype":"INT32","data":[5,6]},
                                    {"name":"NAMES","shape":[1],"datatype":"BYTES","data":["hi"]}]}
            """);
        try
        {
            var run = await CliRun.InvokeAsync("infer", "simple", "-i", "@" + file, "-o", "json", "--model-version", "1", "--endpoint", Server.Endpoint);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal("1", Server.LastInfer!.ModelVersion);
            Assert.Equal(
                """{"model_name":"simple","model_version":"1","id":"req-7","outputs":[{"name":"echo_INPUT0","datatype":"INT32","shape":[2],"data":[5,6]},{"name":"echo_NAMES","datatype":"BYTES","shape":[1],"data":["hi"]}]}""" + "\n",
                run.Out);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Infer_UnknownModel_ExitsOneWithNotFound()
    {
        var run = await CliRun.InvokeAsync("infer", "nope", "--input", MlpBody, "--endpoint", Server.Endpoint);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.Equal("error: NOT_FOUND: model 'nope' not found\n", run.Error);
    }

    [Theory]
    [InlineData("{\"inputs\":[}", "malformed JSON")]
    [InlineData("{\"outputs\":[]}", "infer request has no 'inputs'")]
    [InlineData("{\"inputs\":[{\"name\":\"x\",\"shape\":[3],\"datatype\":\"FP32\",\"data\":[1,2]}]}", "x")]
    [InlineData("@/nonexistent/body.json", "Cannot read --input file '/nonexistent/body.json'")]
    public async Task Infer_BadInput_ExitsTwoWithoutCallingServer(string input, string message)
    {
        var run = await CliRun.InvokeAsync("infer", "mlp", "--input", input, "--endpoint", Server.Endpoint);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Contains("Run 'modelmesh infer --help' for usage.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_Output_IsValidV2ResponseJson()
    {
        Server.Models["mlp"] = new ModelStatusInfo { ModelId = "mlp", Status = ModelStatus.Loaded };

        var run = await CliRun.InvokeAsync("infer", "mlp", "--input", MlpBody, "-o", "json", "--endpoint", Server.Endpoint);

        using var json = JsonDocument.Parse(run.Out);
        var output = Assert.Single(json.RootElement.GetProperty("outputs").EnumerateArray());
        Assert.Equal([1f, 2f, 3f, 4f], output.GetProperty("data").EnumerateArray().Select(e => e.GetSingle()));
    }
}
