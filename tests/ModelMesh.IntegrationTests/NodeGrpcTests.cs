using Google.Protobuf;
using ModelMesh.Contracts.Inference;
using Grpc.Core;
using ModelMesh.IntegrationTests.Fixtures;
using ModelMesh.Serving.Grpc;

namespace ModelMesh.IntegrationTests;

/// <summary>The node over real loopback gRPC with our own client: versions, bad input, unload/load, liveness after errors.</summary>
public sealed class NodeGrpcTests(InProcessNodeFixture fixture) : IClassFixture<InProcessNodeFixture>
{
    private static ModelInferRequest Simple(string model, string version, int[] a, int[] b)
    {
        var request = new ModelInferRequest { ModelName = model, ModelVersion = version };
        foreach (var (name, values) in new[] { ("INPUT0", a), ("INPUT1", b) })
        {
            var input = new ModelInferRequest.Types.InferInputTensor { Name = name, Datatype = "INT32" };
            input.Shape.AddRange([1, 16]);
            request.Inputs.Add(input);
            var bytes = new byte[64];
            Buffer.BlockCopy(values, 0, bytes, 0, 64);
            request.RawInputContents.Add(ByteString.CopyFrom(bytes));
        }

        return request;
    }

    private static int[] Ints(ByteString raw)
    {
        var values = new int[raw.Length / 4];
        Buffer.BlockCopy(raw.ToByteArray(), 0, values, 0, raw.Length);
        return values;
    }

    private Task<ModelInferResponse> InferAsync(ModelInferRequest request) =>
        new GRPCInferenceService.GRPCInferenceServiceClient(fixture.Channel).ModelInferAsync(request).ResponseAsync;

    [Fact]
    public async Task ModelInfer_Simple_ReturnsSumAndDifferenceAsRaw()
    {
        var a = Enumerable.Range(0, 16).ToArray();
        var b = Enumerable.Range(0, 16).Select(i => 100 - i).ToArray();
        var response = await InferAsync(Simple("simple", "", a, b));
        Assert.Equal("simple", response.ModelName);
        Assert.Equal("1", response.ModelVersion);
        Assert.Equal(a.Zip(b, (x, y) => x + y), Ints(response.RawOutputContents[0]));
        Assert.Equal(a.Zip(b, (x, y) => x - y), Ints(response.RawOutputContents[1]));
    }

    [Fact]
    public async Task ModelInfer_Versions_DefaultIsHighestAndUnknownIsNotFound()
    {
        var a = new int[16];
        Assert.Equal("3", (await InferAsync(Simple("simple_versions", "", a, a))).ModelVersion);
        Assert.Equal("1", (await InferAsync(Simple("simple_versions", "1", a, a))).ModelVersion);
        var e = await Assert.ThrowsAsync<RpcException>(() => InferAsync(Simple("simple_versions", "2", a, a)));
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
        Assert.Contains("1, 3", e.Status.Detail, StringComparison.Ordinal);

        var metadata = await new GRPCInferenceService.GRPCInferenceServiceClient(fixture.Channel).ModelMetadataAsync(new ModelMetadataRequest { Name = "simple_versions" }).ResponseAsync;
        Assert.Equal(["1", "3"], metadata.Versions);
    }

    [Fact]
    public async Task ModelInfer_EveryBadInput_GetsItsCodeAndTheNodeKeepsServing()
    {
        var good = Simple("simple", "", new int[16], new int[16]);
        var cases = new List<(string Name, ModelInferRequest Request, StatusCode Code)>();
        void Add(string name, StatusCode code, Action<ModelInferRequest> mutate)
        {
            var r = good.Clone();
            mutate(r);
            cases.Add((name, r, code));
        }

        Add("wrong datatype", StatusCode.InvalidArgument, r => r.Inputs[0].Datatype = "FP32");
        Add("shape mismatch", StatusCode.InvalidArgument, r => r.Inputs[0].Shape[1] = 15);
        Add("raw size", StatusCode.InvalidArgument, r => r.RawInputContents[0] = ByteString.CopyFrom(new byte[40]));
        Add("fewer raw", StatusCode.InvalidArgument, r => r.RawInputContents.RemoveAt(1));
        Add("contents and raw", StatusCode.InvalidArgument, r => r.Inputs[0].Contents = new InferTensorContents { IntContents = { new int[16] } });
        Add("missing input", StatusCode.InvalidArgument, r => { r.Inputs.RemoveAt(1); r.RawInputContents.RemoveAt(1); });
        Add("unexpected input", StatusCode.InvalidArgument, r => r.Inputs[1].Name = "INPUT5");
        Add("negative dim", StatusCode.InvalidArgument, r => r.Inputs[0].Shape[0] = -2);
        Add("overflowing dims", StatusCode.InvalidArgument, r => r.Inputs[0].Shape[0] = long.MaxValue);
        Add("unknown output", StatusCode.InvalidArgument, r => r.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = "nope" }));
        Add("unknown model", StatusCode.NotFound, r => r.ModelName = "nope");
        Add("unknown version", StatusCode.NotFound, r => r.ModelVersion = "42");
        Add("empty model name", StatusCode.InvalidArgument, r => r.ModelName = "");

        foreach (var (name, request, code) in cases)
        {
            var e = await Assert.ThrowsAsync<RpcException>(() => InferAsync(request));
            Assert.True(code == e.StatusCode, $"{name}: expected {code}, got {e.StatusCode} ({e.Status.Detail})");
            Assert.False(string.IsNullOrEmpty(e.Status.Detail), name);
        }

        Assert.Equal(2, (await InferAsync(good)).RawOutputContents.Count);
        var live = await new GRPCInferenceService.GRPCInferenceServiceClient(fixture.Channel).ServerLiveAsync(new ServerLiveRequest()).ResponseAsync;
        Assert.True(live.Live);
    }

    [Fact]
    public async Task Repository_UnloadThenLoad_TogglesModelReadyAndInference()
    {
        var ready = new ModelReadyRequest { Name = "strings" };
        await new GRPCInferenceService.GRPCInferenceServiceClient(fixture.Channel).RepositoryModelUnloadAsync(new RepositoryModelUnloadRequest { ModelName = "strings" }).ResponseAsync;
        Assert.False((await new GRPCInferenceService.GRPCInferenceServiceClient(fixture.Channel).ModelReadyAsync(ready).ResponseAsync).Ready);
        var index = await new GRPCInferenceService.GRPCInferenceServiceClient(fixture.Channel).RepositoryIndexAsync(new RepositoryIndexRequest()).ResponseAsync;
        Assert.Equal("UNAVAILABLE", index.Models.Single(m => m.Name == "strings").State);

        await new GRPCInferenceService.GRPCInferenceServiceClient(fixture.Channel).RepositoryModelLoadAsync(new RepositoryModelLoadRequest { ModelName = "strings" }).ResponseAsync;
        Assert.True((await new GRPCInferenceService.GRPCInferenceServiceClient(fixture.Channel).ModelReadyAsync(ready).ResponseAsync).Ready);

        var e = await Assert.ThrowsAsync<RpcException>(() => new GRPCInferenceService.GRPCInferenceServiceClient(fixture.Channel).RepositoryModelLoadAsync(new RepositoryModelLoadRequest { ModelName = "not-there" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public async Task ServerMetadata_ListsModelRepositoryExtension()
    {
        var metadata = await new GRPCInferenceService.GRPCInferenceServiceClient(fixture.Channel).ServerMetadataAsync(new ServerMetadataRequest()).ResponseAsync;
        Assert.Equal("modelmesh", metadata.Name);
        Assert.Contains("model_repository", metadata.Extensions);
    }

    [Fact]
    public async Task Rest_OversizedBody_Gets413AndNodeKeepsServing()
    {
        // Expect: 100-continue lets the node refuse the body before it is sent, as a well-behaved client would.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/models/simple/infer")
        {
            Content = new ByteArrayContent(new byte[65 * 1024 * 1024]),
        };
        request.Headers.ExpectContinue = true;
        using var response = await fixture.Http.SendAsync(request);
        Assert.True((int)response.StatusCode is 413 or 400, $"got {(int)response.StatusCode}");
        using var live = await fixture.Http.GetAsync("/v2/health/live");
        Assert.Equal(200, (int)live.StatusCode);
    }

    [Fact]
    public async Task ModelStatistics_VersionedModel_ListsEveryVersionAndOnlyTheVersionRunMoves()
    {
        var a = new int[16];
        var before = await StatisticsAsync("simple_versions", "");

        await InferAsync(Simple("simple_versions", "1", a, a));
        await InferAsync(Simple("simple_versions", "1", a, a));
        var after = await StatisticsAsync("simple_versions", "");
        var v1 = Assert.Single((await StatisticsAsync("simple_versions", "1")).ModelStats);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => StatisticsAsync("simple_versions", "2"));

        Assert.Equal(["1", "3"], before.ModelStats.Select(s => s.Version));
        Assert.Equal(["1", "3"], after.ModelStats.Select(s => s.Version));
        Assert.Equal(2UL, after.ModelStats[0].ExecutionCount - before.ModelStats[0].ExecutionCount);
        Assert.Equal(2UL, after.ModelStats[0].InferenceStats.Success.Count - before.ModelStats[0].InferenceStats.Success.Count);
        Assert.Equal(before.ModelStats[1].ExecutionCount, after.ModelStats[1].ExecutionCount);
        Assert.Equal(after.ModelStats[0].ExecutionCount, v1.ExecutionCount);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    private Task<ModelStatisticsResponse> StatisticsAsync(string model, string version) =>
        new GRPCInferenceService.GRPCInferenceServiceClient(fixture.Channel).ModelStatisticsAsync(new ModelStatisticsRequest { Name = model, Version = version }).ResponseAsync;
}
