using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using ModelMesh.Contracts.Inference;
using ModelMesh.Serving.Grpc;

namespace ModelMesh.Benchmarks.Latency;

/// <summary>V2 ModelInfer over loopback through a Grpc.Net.Client channel (typed, or pre-serialized raw bytes).</summary>
public sealed class GrpcInferTarget(GrpcChannel channel, ModelInferRequest request, GrpcCallMode mode) : IInferTarget
{
    private readonly PooledPayload _serialized = PooledPayload.Over(request.ToByteArray());
    private readonly GRPCInferenceService.GRPCInferenceServiceClient _client = new(channel);
    private readonly CallInvoker _invoker = channel.CreateCallInvoker();

    public string Name => "grpc";

    public async ValueTask InvokeAsync(CancellationToken cancellationToken)
    {
        var options = new CallOptions(cancellationToken: cancellationToken);
        if (mode == GrpcCallMode.Raw)
        {
            using var response = await _invoker.AsyncUnaryCall(RawInferMethods.Client, null, options, _serialized).ResponseAsync.ConfigureAwait(false);
            return;
        }

        await _client.ModelInferAsync(request, options).ResponseAsync.ConfigureAwait(false);
    }

    /// <summary>One typed call, for checking the served outputs against the in-process ones.</summary>
    public Task<ModelInferResponse> CallOnceAsync(CancellationToken cancellationToken) =>
        _client.ModelInferAsync(request, new CallOptions(cancellationToken: cancellationToken)).ResponseAsync;
}
