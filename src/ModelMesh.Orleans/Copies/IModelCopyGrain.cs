namespace ModelMesh.Orleans.Copies;

/// <summary>
/// One loaded copy of a model (key <c>{model}/{n}</c>, <see cref="ModelCopyKey"/>), placed by the device-memory
/// placement director and holding its ONNX Runtime session. Every method interleaves: requests to one copy run
/// concurrently, bounded by the silo's run limiter, never one at a time. Failures are <see cref="ModelCopyException"/>.
/// </summary>
public interface IModelCopyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Runs one V2 inference: <paramref name="request"/> is a serialized <c>inference.ModelInferRequest</c>, the answer a
    /// serialized <c>ModelInferResponse</c> with the silo's name (<see cref="CopyAnswer"/>). The caller does not parse either (a front door forwards the bytes it received).
    /// </summary>
    [AlwaysInterleave]
    Task<CopyAnswer> InferAsync(Immutable<byte[]> request, CancellationToken cancellationToken = default);

    /// <summary>The V2 metadata of the loaded model (serialized <c>inference.ModelMetadataResponse</c>, named <paramref name="name"/>), loading it first.</summary>
    [AlwaysInterleave]
    Task<byte[]> GetMetadataAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Where the copy is and its state, without waiting for its load.</summary>
    [AlwaysInterleave]
    Task<CopyStatus> GetStatusAsync();

    /// <summary>Unloads the copy (an unregister, an unload): its bytes are free at once, its session when its last request ends.</summary>
    [AlwaysInterleave]
    Task UnloadAsync();

    /// <summary>Waits until the copy is loaded (a management load, a scale-up or a drain hand-off warms it this way).</summary>
    [AlwaysInterleave]
    Task<CopyStatus> WaitLoadedAsync(CancellationToken cancellationToken = default);
}
