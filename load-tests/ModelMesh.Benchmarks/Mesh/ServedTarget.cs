using ModelMesh.Benchmarks.Latency;
using ModelMesh.Client;
using ModelMesh.Contracts.Inference;

namespace ModelMesh.Benchmarks.Mesh;

/// <summary>Client → front door → silo: <see cref="ModelMeshClient.InferAsync"/> (typed call with the client's default deadline).</summary>
public sealed class ServedTarget(ModelMeshClient client, ModelInferRequest request) : IInferTarget
{
    public string Name => "served";

    public async ValueTask InvokeAsync(CancellationToken cancellationToken) =>
        await client.InferAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);

    public Task<ModelInferResponse> CallOnceAsync(CancellationToken cancellationToken) => client.InferAsync(request, cancellationToken: cancellationToken);
}
