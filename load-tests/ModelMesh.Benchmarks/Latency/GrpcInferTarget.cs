using Google.Protobuf;
using ModelMesh.Contracts.Inference;
using Grpc.Core;
using ModelMesh.Serving.Grpc;

namespace ModelMesh.Benchmarks.Latency;

/// <summary>V2 ModelInfer over loopback through our <see cref="GrpcChannel"/> (typed or pre-serialized raw call).</summary>
public sealed class GrpcInferTarget(GrpcChannel channel, ModelInferRequest request, GrpcCallMode mode) : IInferTarget
{
    private readonly ReadOnlyMemory<byte> _serialized = request.ToByteArray();

    public string Name => "grpc";

    public async ValueTask InvokeAsync(CancellationToken cancellationToken)
    {
        var options = new CallOptions(CancellationToken: cancellationToken);
        if (mode == GrpcCallMode.Raw)
        {
            await channel.RawUnaryCallAsync(InferenceServiceMethods.ModelInfer.FullName, _serialized, options).ConfigureAwait(false);
            return;
        }

        await channel.UnaryCallAsync(InferenceServiceMethods.ModelInfer, request, options).ConfigureAwait(false);
    }

    /// <summary>One typed call, for checking the served outputs against the in-process ones.</summary>
    public Task<ModelInferResponse> CallOnceAsync(CancellationToken cancellationToken) =>
        channel.UnaryCallAsync(InferenceServiceMethods.ModelInfer, request, new CallOptions(CancellationToken: cancellationToken));
}
