using ModelMesh.Registry;

namespace ModelMesh.Benchmarks.Density;

/// <summary>What the <c>density</c> benchmark loads models into: the silo's cache (over gRPC) or the Orleans copy cache (in process).</summary>
public interface IDensityTarget : IAsyncDisposable
{
    /// <summary>Loads the model and runs it once; false when the inference failed.</summary>
    Task<bool> LoadAndRunAsync(ModelRecord model, CancellationToken cancellationToken);

    void Unload(string modelId);

    /// <summary>Bytes the cache accounts for its loaded copies.</summary>
    long AccountedBytes();
}
