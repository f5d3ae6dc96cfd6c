using Grpc.Core;
using Grpc.Net.Client;
using ModelMesh.Benchmarks.Latency;
using ModelMesh.Contracts.Inference;
using ModelMesh.Serving.Grpc;

namespace ModelMesh.Benchmarks.Mesh;

/// <summary>
/// Client → silo: V2 ModelInfer sent straight to the silo holding the copy (model silos take V2 themselves; the copy
/// grain is local, so no Orleans hop). Same typed call as the served path, no front door.
/// </summary>
public sealed class DirectSiloTarget(GrpcChannel siloChannel, ModelInferRequest request, string modelId) : IInferTarget
{
    private readonly GRPCInferenceService.GRPCInferenceServiceClient _client = new(siloChannel);

    public string Name => "direct";

    public async ValueTask InvokeAsync(CancellationToken cancellationToken) =>
        await CallOnceAsync(cancellationToken).ConfigureAwait(false);

    public Task<ModelInferResponse> CallOnceAsync(CancellationToken cancellationToken)
    {
        _ = modelId; // a model silo resolves the name itself, like a front door
        return _client.ModelInferAsync(request, new CallOptions(deadline: DateTime.UtcNow + TimeSpan.FromSeconds(30), cancellationToken: cancellationToken)).ResponseAsync;
    }
}
