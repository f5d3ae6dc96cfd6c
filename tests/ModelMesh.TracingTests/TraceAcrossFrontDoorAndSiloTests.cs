using ModelMesh.Contracts.Inference;
using Grpc.Core;
using Grpc.Net.Client;
using ModelMesh.Host.Roles;
using ModelMesh.Onnx;
using ModelMesh.Serving.Grpc;
using ModelMesh.Serving.Tracing;
using ModelMesh.TracingTests.Otlp;
using Xunit;

namespace ModelMesh.TracingTests;

/// <summary>
/// One ModelInfer with a client traceparent through a dev cluster exporting to <see cref="OtlpReceiver"/>: the
/// front door's and the silo's spans arrive over OTLP/HTTP in the client's trace, the silo's server span a
/// child of the front door's attempt span.
/// </summary>
public sealed class TraceAcrossFrontDoorAndSiloTests : IAsyncLifetime
{
    private const string ClientTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string ClientSpanId = "00f067aa0ba902b7";
    private readonly string _models = Path.Combine(Path.GetTempPath(), "mm-tracing-" + Guid.NewGuid().ToString("N"));
    private OtlpReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        SampleModels.WriteAll(_models);
        _receiver = await OtlpReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        Directory.Delete(_models, recursive: true);
    }

    [Fact]
    public async Task ModelInfer_WithClientTraceparent_ExportsOneTraceAcrossFrontDoorAndSilo()
    {
        await using (var cluster = await DevCluster.StartAsync(new DevClusterOptions
        {
            Silos = 1,
            GrpcPort = 0,
            HttpPort = 0,
            ModelsDirectory = _models,
            OtlpEndpoint = _receiver.Endpoint,
            TraceExportDelay = TimeSpan.FromMilliseconds(100),
        }))
        {
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{cluster.FrontDoor.GrpcPort}");
            var headers = new Metadata { { "traceparent", $"00-{ClientTraceId}-{ClientSpanId}-01" } };
            var response = await new GRPCInferenceService.GRPCInferenceServiceClient(channel).ModelInferAsync(SimpleRequest(),
                new CallOptions(headers, DateTime.UtcNow.AddSeconds(60))).ResponseAsync;
            Assert.Equal(2, response.Outputs.Count);

            await WaitForAsync(() => Find(ModelMeshActivitySources.SiloName, "inference") is not null
                && Find(ModelMeshActivitySources.FrontDoorName, "ModelInfer") is not null);
        }

        var frontDoorServer = Single(ModelMeshActivitySources.FrontDoorName, "ModelInfer");
        var attempt = Single(ModelMeshActivitySources.FrontDoorName, "attempt");
        var siloServer = Single(ModelMeshActivitySources.SiloName, "ModelInfer");
        var load = Single(ModelMeshActivitySources.SiloName, "load");
        var sessionCreate = Single(ModelMeshActivitySources.SiloName, "session.create");
        var inference = Single(ModelMeshActivitySources.SiloName, "inference");
        Assert.NotNull(Find(ModelMeshActivitySources.SiloName, "fetch"));
        Assert.NotNull(Find(ModelMeshActivitySources.FrontDoorName, "route"));

        foreach (var span in new[] { frontDoorServer, attempt, siloServer, load, sessionCreate, inference })
        {
            Assert.Equal(ClientTraceId, span.TraceId);
            Assert.Equal("modelmesh-dev", span.ServiceName);
        }

        Assert.Equal(Span.Types.SpanKind.Server, frontDoorServer.Span.Kind);
        Assert.Equal(ClientSpanId, frontDoorServer.ParentSpanId);
        Assert.Equal(Span.Types.SpanKind.Client, attempt.Span.Kind);
        Assert.Equal(Span.Types.SpanKind.Server, siloServer.Span.Kind);
        Assert.Equal(attempt.SpanId, siloServer.ParentSpanId);
        Assert.Equal(load.SpanId, sessionCreate.ParentSpanId);
        Assert.Contains(attempt.Span.Attributes, a => a.Key == "modelmesh.silo_id" && a.Value.StringValue == "silo-1");
        Assert.Contains(frontDoorServer.Span.Attributes, a => a.Key == "modelmesh.model_id" && a.Value.StringValue == SampleModels.Simple);
    }

    private ReceivedSpan? Find(string scope, string name) =>
        _receiver.Spans.FirstOrDefault(s => s.Scope == scope && s.Span.Name == name && s.TraceId == ClientTraceId);

    private ReceivedSpan Single(string scope, string name) =>
        Assert.Single(_receiver.Spans, s => s.Scope == scope && s.Span.Name == name && s.TraceId == ClientTraceId);

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }
    }

    private static ModelInferRequest SimpleRequest()
    {
        var request = new ModelInferRequest { ModelName = SampleModels.Simple };
        foreach (var name in new[] { "INPUT0", "INPUT1" })
        {
            var input = new ModelInferRequest.Types.InferInputTensor { Name = name, Datatype = "INT32", Shape = { 1, 16 }, Contents = new InferTensorContents() };
            input.Contents.IntContents.Add(Enumerable.Range(0, 16));
            request.Inputs.Add(input);
        }

        return request;
    }
}
