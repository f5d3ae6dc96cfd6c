using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelMesh.Contracts.Inference;
using Grpc.Core;
using Grpc.Net.Client;
using ModelMesh.Serving.Grpc;
using ModelMesh.Host.Cli;
using ModelMesh.Host.Roles;
using ModelMesh.Onnx;
using Xunit;

namespace ModelMesh.LoggingTests;

/// <summary>The front door's access log (event 430): one line per inference request, with the status the client received.</summary>
public sealed class AccessLogTests : IDisposable
{
    public const int AccessLogEvent = 430;
    public const string SimpleInfer = """{"inputs": [{"name": "INPUT0", "shape": [1, 16], "datatype": "INT32", "data": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]}, {"name": "INPUT1", "shape": [1, 16], "datatype": "INT32", "data": [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}]}""";
    public const string TraceId = "0af7651916cd43dd8448eb211c80319c";

    /// <summary>Accepted by the front door's JSON reader, refused by the silo (no input INPUTX): INVALID_ARGUMENT, HTTP 400.</summary>
    private const string WrongInputName = """{"inputs": [{"name": "INPUTX", "shape": [1, 16], "datatype": "INT32", "data": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]}, {"name": "INPUT1", "shape": [1, 16], "datatype": "INT32", "data": [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}]}""";

    private readonly string _models = Path.Combine(Path.GetTempPath(), "mm-logging-" + Guid.NewGuid().ToString("N"));

    public AccessLogTests() => SampleModels.WriteAll(_models);

    public void Dispose() => Directory.Delete(_models, recursive: true);

    [Fact]
    public async Task AccessLogOn_RestRequest_OneLineWithHttpStatusProtocolSiloAndScopes()
    {
        var entry = await RestLineAsync(HttpStatusCode.OK);
        AssertLine(entry, "simple", "rest", "OK", 200, "silo-1", attempts: 1);
        Assert.True((double)entry.State["LatencyMs"]! > 0);
        Assert.False(string.IsNullOrEmpty(entry.Scopes["RequestId"]?.ToString()));
        Assert.Equal(TraceId, entry.Scopes["TraceId"]?.ToString());
    }

    [Fact]
    public async Task AccessLogOn_RestRequestTheSiloRefuses_LineCarriesTheHttpStatusNotTheGrpcCode()
    {
        var entry = await RestLineAsync(HttpStatusCode.BadRequest, body: WrongInputName);
        AssertLine(entry, "simple", "rest", "Bad Request", 400, "silo-1", attempts: 1);
    }

    [Fact]
    public async Task AccessLogOn_RestRequestForAnUnknownModel_LineSays404()
    {
        var entry = await RestLineAsync(HttpStatusCode.NotFound, model: "no-such-model");
        AssertLine(entry, "no-such-model", "rest", "Not Found", 404, silo: "", attempts: 0);
        Assert.Equal(TraceId, entry.Scopes["TraceId"]?.ToString());
    }

    [Fact]
    public async Task AccessLogOn_V1Predict_LineWithHttpStatus()
    {
        var entry = await RestLineAsync(HttpStatusCode.OK, model: "mlp", body: """{"instances": [[1.0, 2.0, 3.0, 4.0]]}""", path: "/v1/models/mlp:predict");
        AssertLine(entry, "mlp", "rest", "OK", 200, "silo-1", attempts: 1);
    }

    [Fact]
    public async Task AccessLogOn_GrpcModelInfer_GrpcCodeAndRequestIdIsTheV2RequestId()
    {
        var capture = new CapturingLoggerProvider();
        await using (var cluster = await StartDevAsync(capture, "json"))
        {
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{cluster.FrontDoor.GrpcPort}");
            await new GRPCInferenceService.GRPCInferenceServiceClient(channel).ModelInferAsync(SimpleRequest("req-42"),
                new CallOptions(new Metadata { { "traceparent", $"00-{TraceId}-b7ad6b7169203331-01" } }, DateTime.UtcNow.AddSeconds(60))).ResponseAsync;
        }

        var entry = Assert.Single(capture.WithId(AccessLogEvent));
        AssertLine(entry, "simple", "grpc", "OK", 0, "silo-1", attempts: 1);
        Assert.Equal("req-42", entry.Scopes["RequestId"]?.ToString());
        Assert.Equal(TraceId, entry.Scopes["TraceId"]?.ToString());
    }

    [Fact]
    public async Task AccessLogOn_GrpcModelInferForAnUnknownModel_LineSaysNotFoundWithNoSilo()
    {
        var capture = new CapturingLoggerProvider();
        RpcException error;
        await using (var cluster = await StartDevAsync(capture, "json"))
        {
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{cluster.FrontDoor.GrpcPort}");
            var request = SimpleRequest("req-unknown");
            request.ModelName = "no-such-model";
            error = await Assert.ThrowsAsync<RpcException>(() => new GRPCInferenceService.GRPCInferenceServiceClient(channel).ModelInferAsync(request,
                new CallOptions(new Metadata(), DateTime.UtcNow.AddSeconds(60))).ResponseAsync);
        }

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        var entry = Assert.Single(capture.WithId(AccessLogEvent));
        AssertLine(entry, "no-such-model", "grpc", "NotFound", 5, silo: "", attempts: 0);
        Assert.Equal("req-unknown", entry.Scopes["RequestId"]?.ToString());
    }

    [Fact]
    public async Task AccessLogOff_NoAccessLines()
    {
        var capture = new CapturingLoggerProvider();
        var options = new DevClusterOptions { Silos = 1, GrpcPort = 0, HttpPort = 0, ModelsDirectory = _models };
        await using (var cluster = await DevCluster.StartAsync(options, b => b.AddProvider(capture)))
        {
            Assert.Equal(HttpStatusCode.OK, await InferAsync(cluster.FrontDoor.HttpPort));
        }

        Assert.Empty(capture.WithId(AccessLogEvent));
        Assert.Empty(capture.WithId(SiloAccessLogTests.SiloAccessLogEvent));
    }

    [Fact]
    public async Task DevProcess_LogFormatJson_AccessLogLineIsJsonWithScopes()
    {
        var (grpcPort, httpPort) = (ModelMeshProcess.FreePort(), ModelMeshProcess.FreePort());
        await using var process = ModelMeshProcess.Start(
            "dev", "--log-format", "json", "--access-log", "--models-dir", _models, "--silos", "1",
            "--grpc-port", ModelMeshProcess.Invariant(grpcPort), "--http-port", ModelMeshProcess.Invariant(httpPort), "--metrics-port", "-1");
        Assert.True(process.WaitForLine(l => l.Contains("Press Ctrl+C", StringComparison.Ordinal)) is not null, "dev did not start:\n" + process.Seen);
        Assert.Equal(HttpStatusCode.OK, await InferAsync(httpPort));
        var access = process.WaitForLine(l => l.StartsWith('{') && l.Contains($"\"EventId\":{AccessLogEvent}", StringComparison.Ordinal));
        Assert.True(access is not null, "no access-log line:\n" + process.Seen);

        // Every log line is one JSON object.
        foreach (var line in process.Seen.Split('\n').Where(l => l.StartsWith('{')))
        {
            using var _ = JsonDocument.Parse(line);
        }

        using var doc = JsonDocument.Parse(access!);
        var state = doc.RootElement.GetProperty("State");
        Assert.Equal("simple", state.GetProperty("Model").GetString());
        Assert.Equal("rest", state.GetProperty("Protocol").GetString());
        Assert.Equal("OK", state.GetProperty("Status").GetString());
        Assert.Equal(200, state.GetProperty("StatusCode").GetInt32());
        Assert.Equal("silo-1", state.GetProperty("Silo").GetString());
        Assert.True(state.GetProperty("LatencyMs").GetDouble() > 0);
        Assert.Equal(1, state.GetProperty("Attempts").GetInt32());
        var scopes = doc.RootElement.GetProperty("Scopes").EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object).ToList();
        Assert.Contains(scopes, s => s.TryGetProperty("RequestId", out var id) && id.GetString() is { Length: > 0 });
        Assert.Contains(scopes, s => s.TryGetProperty("TraceId", out var t) && t.GetString() == TraceId);
    }

    /// <summary>A V2 request for <c>simple</c> with typed contents.</summary>
    public static ModelInferRequest SimpleRequest(string id)
    {
        var request = new ModelInferRequest { ModelName = SampleModels.Simple, Id = id };
        foreach (var name in new[] { "INPUT0", "INPUT1" })
        {
            var input = new ModelInferRequest.Types.InferInputTensor { Name = name, Datatype = "INT32", Shape = { 1, 16 }, Contents = new InferTensorContents() };
            input.Contents.IntContents.Add(Enumerable.Range(0, 16));
            request.Inputs.Add(input);
        }

        return request;
    }

    /// <summary>POST /v2/models/{model}/infer (or <paramref name="path"/>) with a traceparent of <see cref="TraceId"/>; the HTTP status received.</summary>
    public static async Task<HttpStatusCode> InferAsync(int httpPort, string model = "simple", string body = SimpleInfer, string? path = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{httpPort}{path ?? $"/v2/models/{model}/infer"}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{TraceId}-b7ad6b7169203331-01");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static void AssertLine(CapturingLoggerProvider.Entry entry, string model, string protocol, string status, int statusCode, string silo, int attempts)
    {
        Assert.Equal(model, entry.State["Model"]);
        Assert.Equal(protocol, entry.State["Protocol"]);
        Assert.Equal(status, entry.State["Status"]?.ToString());
        Assert.Equal(statusCode, entry.State["StatusCode"]);
        Assert.Equal(silo, entry.State["Silo"]);
        Assert.Equal(attempts, entry.State["Attempts"]);
    }

    /// <summary>The one access-log line of a REST infer request to a one-silo dev cluster, which answered <paramref name="expected"/>.</summary>
    private async Task<CapturingLoggerProvider.Entry> RestLineAsync(HttpStatusCode expected, string model = "simple", string body = SimpleInfer, string? path = null)
    {
        var capture = new CapturingLoggerProvider();
        await using (var cluster = await StartDevAsync(capture, "text"))
        {
            Assert.Equal(expected, await InferAsync(cluster.FrontDoor.HttpPort, model, body, path));
        }

        return Assert.Single(capture.WithId(AccessLogEvent));
    }

    private Task<DevCluster> StartDevAsync(CapturingLoggerProvider capture, string format)
    {
        var options = new DevClusterOptions { Silos = 1, GrpcPort = 0, HttpPort = 0, ModelsDirectory = _models };
        var configure = LoggingOptions.Configure(format, accessLog: true)!;
        return DevCluster.StartAsync(options, b =>
        {
            configure(b);
            b.AddProvider(capture);
        });
    }
}
