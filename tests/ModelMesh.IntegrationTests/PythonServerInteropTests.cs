using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using ModelMesh.Client;
using ModelMesh.Contracts.Inference;
using ModelMesh.IntegrationTests.Fixtures;
using ModelMesh.Testing;

namespace ModelMesh.IntegrationTests;

/// <summary>
/// Our .NET client SDK (<see cref="ModelMeshClient"/> on Grpc.Net.Client) against a Python grpcio SERVER: Debian's
/// python3-grpcio is a real, independent gRPC implementation (its C core), not a test double, serving
/// <c>inference.GRPCInferenceService</c> with messages compiled by protoc from the V2 .proto (Python/v2_grpc_server.py).
/// Checks exact bytes both ways, status code and detail mapping, deadline and cancellation propagation (observed by
/// the Python side, which writes marker files the test polls for) and the client's receive size limit.
/// </summary>
public sealed class PythonServerInteropTests(PythonGrpcServer server) : IClassFixture<PythonGrpcServer>
{
    private static readonly TimeSpan Observe = TimeSpan.FromSeconds(30);

    private ModelMeshClient Connect(int maxReceiveBytes = 16 * 1024 * 1024) =>
        ModelMeshClient.Connect(server.Address, new ModelMeshClientOptions
        {
            Channel = new GrpcChannelOptions { MaxReceiveMessageSize = maxReceiveBytes, MaxSendMessageSize = 16 * 1024 * 1024 },
        });

    private static ModelInferRequest.Types.InferInputTensor Tensor(string name, string datatype, long count, InferTensorContents? contents = null)
    {
        var tensor = new ModelInferRequest.Types.InferInputTensor { Name = name, Datatype = datatype, Contents = contents };
        tensor.Shape.Add(count);
        return tensor;
    }

    [Fact]
    public async Task TypedModelInfer_RoundTripsEveryContentsFieldExactly()
    {
        using var client = Connect();
        Assert.True(await client.ServerLiveAsync());

        var fp32 = new InferTensorContents();
        fp32.Fp32Contents.AddRange([0f, -0f, 1.5f, float.MaxValue, float.Epsilon, float.NegativeInfinity]);
        var fp64 = new InferTensorContents();
        fp64.Fp64Contents.AddRange([Math.PI, double.MinValue, -1e-300]);
        var int64 = new InferTensorContents();
        int64.Int64Contents.AddRange([long.MinValue, -1, 0, long.MaxValue]);
        var uint32 = new InferTensorContents();
        uint32.UintContents.AddRange([0u, uint.MaxValue]);
        var booleans = new InferTensorContents();
        booleans.BoolContents.AddRange([true, false, true]);
        var bytes = new InferTensorContents();
        bytes.BytesContents.AddRange([ByteString.CopyFrom(0, 0xff, 0xfe, 0x80), ByteString.CopyFromUtf8("größe"), ByteString.Empty]);
        var request = new ModelInferRequest { ModelName = "echo", ModelVersion = "7", Id = "typed-" + Guid.NewGuid() };
        request.Inputs.Add(Tensor("f", "FP32", 6, fp32));
        request.Inputs.Add(Tensor("d", "FP64", 3, fp64));
        request.Inputs.Add(Tensor("l", "INT64", 4, int64));
        request.Inputs.Add(Tensor("u", "UINT32", 2, uint32));
        request.Inputs.Add(Tensor("b", "BOOL", 3, booleans));
        request.Inputs.Add(Tensor("s", "BYTES", 3, bytes));

        var response = await client.InferAsync(request);

        Assert.Equal((request.ModelName, request.ModelVersion, request.Id), (response.ModelName, response.ModelVersion, response.Id));
        Assert.Equal(request.Inputs.Count, response.Outputs.Count);
        for (var i = 0; i < request.Inputs.Count; i++)
        {
            var (sent, got) = (request.Inputs[i], response.Outputs[i]);
            Assert.Equal((sent.Name, sent.Datatype), (got.Name, got.Datatype));
            Assert.Equal(sent.Shape, got.Shape);
            Assert.Equal(sent.Contents.ToByteArray(), got.Contents.ToByteArray());
        }
    }

    [Fact]
    public async Task RawModelInfer_RoundTripsBytesExactly_AndPythonSumMatchesOurs()
    {
        using var client = Connect();
        var random = new Random(20261203);
        var every = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        var noise = new byte[100_003];
        random.NextBytes(noise);
        var echo = new ModelInferRequest { ModelName = "echo" };
        echo.Inputs.Add(Tensor("every", "UINT8", every.Length));
        echo.Inputs.Add(Tensor("noise", "UINT8", noise.Length));
        echo.Inputs.Add(Tensor("empty", "UINT8", 0));
        echo.RawInputContents.AddRange([ByteString.CopyFrom(every), ByteString.CopyFrom(noise), ByteString.Empty]);

        var echoed = await client.InferAsync(echo);

        Assert.Equal(echo.RawInputContents, echoed.RawOutputContents);

        var a = Enumerable.Range(0, 1000).Select(_ => (float)(random.NextDouble() * 2e6 - 1e6)).ToArray();
        var b = Enumerable.Range(0, 1000).Select(_ => (float)random.NextDouble()).ToArray();
        var sum = new ModelInferRequest { ModelName = "sum" };
        sum.Inputs.AddRange([Tensor("a", "FP32", a.Length), Tensor("b", "FP32", b.Length)]);
        sum.RawInputContents.AddRange([ByteString.CopyFrom(FloatBytes(a)), ByteString.CopyFrom(FloatBytes(b))]);

        var summed = await client.InferAsync(sum);

        var expected = a.Zip(b, (x, y) => x + y).ToArray();
        Assert.Equal(("sum", "FP32"), (summed.Outputs[0].Name, summed.Outputs[0].Datatype));
        Assert.Equal(FloatBytes(expected), summed.RawOutputContents[0].ToByteArray());
    }

    [Fact]
    public async Task PythonAbort_SurfacesAsRpcExceptionWithTheSameCodeAndDetail()
    {
        using var client = Connect();
        const string detail = "tensor 'x': größe ≠ 3, got [-1] % \u0001";
        var invalid = new ModelInferRequest { ModelName = "invalid" };
        invalid.Parameters["message"] = new InferParameter { StringParam = detail };

        var error = await Assert.ThrowsAsync<RpcException>(() => client.InferAsync(invalid));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(detail, error.Status.Detail);

        var missing = await Assert.ThrowsAsync<RpcException>(() => client.InferAsync(new ModelInferRequest { ModelName = "nope" }));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal("python server has no model 'nope'", missing.Status.Detail);
        Assert.True(await client.ServerLiveAsync());
    }

    [Fact]
    public async Task Deadline_IsDeadlineExceededHere_AndThePythonServerSeesItAndObservesTheEnd()
    {
        using var client = Connect();
        var id = "deadline-" + Guid.NewGuid();
        var budget = TimeSpan.FromSeconds(2);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.InferAsync(new ModelInferRequest { ModelName = "wait", Id = id }, budget));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await Eventually.Until(() => server.Observed(id + ".cancelled"), Observe, $"the python server observes the end of call {id}");
        var seen = server.Read(id + ".started");
        Assert.NotEqual("none", seen);
        var remaining = double.Parse(seen, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(remaining, 0, budget.TotalSeconds);
    }

    [Fact]
    public async Task CancellationToken_CancelsHere_AndThePythonServerObservesTheCancellation()
    {
        using var client = Connect();
        var id = "cancel-" + Guid.NewGuid();
        using var cancel = new CancellationTokenSource();

        var call = client.InferAsync(new ModelInferRequest { ModelName = "wait", Id = id }, TimeSpan.FromMinutes(2), cancel.Token);
        await Eventually.Until(() => server.Observed(id + ".started"), Observe, $"the python server starts call {id}");
        Assert.False(server.Observed(id + ".cancelled"));
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await Eventually.Until(() => server.Observed(id + ".cancelled"), Observe, $"the python server observes the cancellation of call {id}");
    }

    [Fact]
    public async Task ResponseOverTheClientsMaxReceiveSize_IsResourceExhausted_UnderItArrivesExactly()
    {
        const int size = 8 * 1024 * 1024;
        var large = new ModelInferRequest { ModelName = "large" };
        large.Parameters["bytes"] = new InferParameter { Int64Param = size };

        using (var small = Connect(maxReceiveBytes: 4 * 1024 * 1024))
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => small.InferAsync(large));
            Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
            Assert.True(await small.ServerLiveAsync());
        }

        using var client = Connect();
        var response = await client.InferAsync(large);
        var raw = response.RawOutputContents[0].Span;
        Assert.Equal(size, raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)(i % 251))
            {
                Assert.Fail($"byte {i} is {raw[i]}, expected {i % 251}");
            }
        }
    }

    private static byte[] FloatBytes(float[] values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return bytes;
    }
}
