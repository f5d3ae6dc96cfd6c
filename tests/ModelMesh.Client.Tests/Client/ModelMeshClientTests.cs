using Google.Protobuf;
using ModelMesh.Contracts.Inference;
using ModelMesh.Contracts.Management;
using Grpc.Core;
using Grpc.Net.Client;

namespace ModelMesh.Client.Tests.Client;

/// <summary>The SDK against <see cref="FakeModelMeshServer"/> (a test double on our real gRPC server stack).</summary>
public class ModelMeshClientTests(FakeServerFixture fixture) : IClassFixture<FakeServerFixture>
{
    private FakeModelMeshServer Server => fixture.Server;

    [Fact]
    public async Task RegisterModelAsync_AllArguments_SendsThemOnTheWire()
    {
        using var client = ModelMeshClient.Connect(Server.Endpoint);

        var status = await client.RegisterModelAsync(
            "sdk-register", "file:///models/m.onnx", loadNow: true, sync: true, sizeHintBytes: 4096, deviceClass: "gpu",
            labels: new Dictionary<string, string> { ["zone"] = "a", ["tier"] = "gold" });

        Assert.Equal(ModelStatus.Loaded, status.Status);
        var sent = Server.LastRegister!;
        Assert.Equal("sdk-register", sent.ModelId);
        Assert.True(sent.LoadNow);
        Assert.True(sent.Sync);
        Assert.Equal("onnx", sent.ModelInfo.Format);
        Assert.Equal("file:///models/m.onnx", sent.ModelInfo.StorageUri);
        Assert.Equal(4096, sent.ModelInfo.SizeHintBytes);
        Assert.Equal("gpu", sent.ModelInfo.DeviceClass);
        Assert.Equal("gold", sent.ModelInfo.RequiredLabels["tier"]);
        Assert.Equal(2, sent.ModelInfo.RequiredLabels.Count);
    }

    [Fact]
    public async Task ManagementCalls_RoundTrip_ThroughAllMethods()
    {
        using var client = ModelMeshClient.Connect(Server.Address.ToString());
        await client.RegisterModelAsync("sdk-roundtrip", "file:///m.onnx");

        Assert.Equal(ModelStatus.NotLoaded, (await client.GetModelStatusAsync("sdk-roundtrip")).Status);
        Assert.Equal("sdk-roundtrip", (await client.EnsureLoadedAsync("sdk-roundtrip", sync: true)).ModelId);
        Assert.Contains((await client.ListModelsAsync()).Models, m => m.ModelId == "sdk-roundtrip");
        var vmodel = await client.SetVModelAsync("sdk-alias", "sdk-roundtrip", owner: "me");
        Assert.Equal("sdk-roundtrip", vmodel.TargetModelId);
        Assert.Equal("me", (await client.GetVModelStatusAsync("sdk-alias")).Owner);
        await client.DeleteVModelAsync("sdk-alias");
        await client.UnregisterModelAsync("sdk-roundtrip");

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetModelStatusAsync("sdk-roundtrip"));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("model 'sdk-roundtrip' not found", error.Status.Detail);
    }

    [Fact]
    public async Task SetVModelAsync_ExpectedTargetDiffers_ThrowsFailedPrecondition()
    {
        using var client = ModelMeshClient.Connect(Server.Endpoint);
        await client.RegisterModelAsync("sdk-cas", "file:///m.onnx");

        var error = await Assert.ThrowsAsync<RpcException>(() => client.SetVModelAsync("sdk-cas-alias", "sdk-cas", expectedTargetModelId: "other"));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    [Fact]
    public async Task GetClusterStatusAsync_ReturnsServerView()
    {
        using var client = ModelMeshClient.Connect(Server.Endpoint);

        var cluster = await client.GetClusterStatusAsync();

        Assert.NotNull(cluster);
    }

    [Fact]
    public async Task Calls_WithoutTimeout_CarryDefaultThirtySecondDeadline()
    {
        using var client = ModelMeshClient.Connect(Server.Endpoint);
        var before = DateTime.UtcNow;

        await client.ListModelsAsync();

        var budget = Server.LastDeadline - before;
        Assert.InRange(budget, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(31));
    }

    [Fact]
    public async Task Calls_WithTimeout_CarryThatDeadline()
    {
        using var client = ModelMeshClient.Connect(Server.Endpoint, new ModelMeshClientOptions { DefaultTimeout = TimeSpan.FromSeconds(30) });
        var before = DateTime.UtcNow;

        await client.ListModelsAsync(timeout: TimeSpan.FromMinutes(5));

        Assert.InRange(Server.LastDeadline - before, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5.1));
    }

    [Fact]
    public async Task Calls_WithInfiniteTimeout_CarryNoDeadline()
    {
        using var client = ModelMeshClient.Connect(Server.Endpoint, new ModelMeshClientOptions { DefaultTimeout = Timeout.InfiniteTimeSpan });

        await client.ListModelsAsync();

        Assert.Equal(DateTime.MaxValue, Server.LastDeadline);
    }

    [Fact]
    public async Task Call_ServerSlowerThanDeadline_ThrowsDeadlineExceeded()
    {
        using var client = ModelMeshClient.Connect(Server.Endpoint);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetModelStatusAsync(FakeModelMeshServer.SlowModel, TimeSpan.FromMilliseconds(200)));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Call_NonPositiveTimeout_ThrowsArgumentOutOfRange()
    {
        using var client = ModelMeshClient.Connect(Server.Endpoint);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.ListModelsAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task InferAsync_KnownModel_ReturnsResponse()
    {
        using var client = ModelMeshClient.Connect(Server.Endpoint);
        await client.RegisterModelAsync("sdk-infer", "file:///m.onnx", loadNow: true, sync: true);
        var request = new ModelInferRequest { ModelName = "sdk-infer" };
        request.Inputs.Add(new ModelInferRequest.Types.InferInputTensor { Name = "x", Datatype = "INT32", Shape = { 1, 2 } });
        request.RawInputContents.Add(ByteString.CopyFrom(1, 0, 0, 0, 2, 0, 0, 0));

        var response = await client.InferAsync(request);

        Assert.Equal("echo_x", response.Outputs[0].Name);
        Assert.Equal(request.RawInputContents[0], response.RawOutputContents[0]);
        Assert.True(await client.ModelReadyAsync("sdk-infer"));
        Assert.False(await client.ModelReadyAsync("sdk-unknown"));
        Assert.True(await client.ServerReadyAsync());
        Assert.Equal("onnxruntime_onnx", (await client.ModelMetadataAsync("sdk-infer")).Platform);
    }

    [Fact]
    public async Task InferAsync_UnknownModel_ThrowsNotFound()
    {
        using var client = ModelMeshClient.Connect(Server.Endpoint);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.InferAsync(new ModelInferRequest { ModelName = "sdk-nope" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("model 'sdk-nope' not found", error.Status.Detail);
    }

    [Fact]
    public async Task Call_NothingListening_ThrowsUnavailable()
    {
        using var client = ModelMeshClient.Connect("127.0.0.1:1");

        var error = await Assert.ThrowsAsync<RpcException>(() => client.ServerReadyAsync(TimeSpan.FromSeconds(5)));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public void Connect_BadEndpoint_ThrowsFormatException() => Assert.Throws<FormatException>(() => ModelMeshClient.Connect("ftp://x"));

    [Fact]
    public async Task Constructor_SharedChannel_DoesNotDisposeIt()
    {
        using var channel = GrpcChannel.ForAddress(Server.Address);
        using (var client = new ModelMeshClient(channel))
        {
            await client.ListModelsAsync();
        }

        using var again = new ModelMeshClient(channel);
        await again.ListModelsAsync();
    }
}
