namespace ModelMesh.Registry;

/// <summary>
/// The mesh's registrations (docs/architecture.md, Registry and its invariants): models, vmodels and a stream of
/// their changes. Membership, copy locations and load coordination are Orleans' (cluster membership, the grain
/// directory, one activation per copy grain), not the registry's. Implementations: <c>InMemoryMeshRegistry</c>
/// (embedded, tests) and <c>RedisMeshRegistry</c> (cluster); both pass one contract test suite. Every mutation
/// appends a <see cref="RegistryEvent"/>.
/// Failures to reach the backing store throw <see cref="RegistryUnavailableException"/>.
/// </summary>
public interface IMeshRegistry : IAsyncDisposable
{
    /// <summary>
    /// Checks that the backing store answers, so a process can fail fast at start-up: throws
    /// <see cref="RegistryUnavailableException"/> within the connect timeout when it does not.
    /// </summary>
    Task PingAsync(CancellationToken cancellationToken = default);

    // ---- models ----

    /// <summary>Registers a model atomically: Created, Unchanged (identical attributes) or Conflict.</summary>
    Task<RegisterResult> RegisterModelAsync(ModelRecord model, CancellationToken cancellationToken = default);

    /// <summary>Removes the model record (copies are unloaded afterwards by the members that hold them). False when unknown.</summary>
    Task<bool> UnregisterModelAsync(string modelId, CancellationToken cancellationToken = default);

    Task<ModelRecord?> GetModelAsync(string modelId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ModelRecord>> ListModelsAsync(CancellationToken cancellationToken = default);

    // ---- vmodels ----

    /// <summary>
    /// Points a vmodel at a target. With <paramref name="expectedTargetModelId"/> set, succeeds only if the
    /// vmodel currently targets it (compare-and-set); returns false when that check fails.
    /// </summary>
    Task<bool> SetVModelAsync(VModelRecord vmodel, string? expectedTargetModelId = null, CancellationToken cancellationToken = default);

    Task<bool> DeleteVModelAsync(string vmodelId, CancellationToken cancellationToken = default);

    Task<VModelRecord?> GetVModelAsync(string vmodelId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<VModelRecord>> ListVModelsAsync(CancellationToken cancellationToken = default);

    // ---- change stream ----

    /// <summary>Everything at once, for a (re)sync, with the stream position to watch from.</summary>
    Task<RegistrySnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Events after <paramref name="position"/>, waiting for new ones until cancelled. Throws
    /// <see cref="RegistryStreamGapException"/> when the position has been trimmed away.
    /// </summary>
    IAsyncEnumerable<RegistryEvent> WatchAsync(string position, CancellationToken cancellationToken = default);
}
