namespace ModelMesh.Registry;

/// <summary>
/// The mesh's shared state (docs/architecture.md, Registry and its invariants): models, vmodels, silo leases, copies, load claims and a change
/// stream. Implementations: <c>InMemoryMeshRegistry</c> (embedded, tests) and <c>RedisMeshRegistry</c>
/// (cluster); both pass one contract test suite. Every mutation appends a <see cref="RegistryEvent"/>.
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

    /// <summary>Removes the model record (copies are unloaded afterwards by their silos). False when unknown.</summary>
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

    // ---- silos (leases) ----

    /// <summary>
    /// Writes the silo's record with a lease of <paramref name="lease"/>. Returns true when a live lease of the
    /// same epoch was already there (a refresh), false when it was created anew — after expiry or at start —
    /// so a live silo learns that it lost its lease and must republish its copies (invariant 3).
    /// </summary>
    Task<bool> PutSiloAsync(SiloRecord silo, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Removes the silo's lease and its copy records, if the stored epoch matches.</summary>
    Task RemoveSiloAsync(string siloId, long epoch, CancellationToken cancellationToken = default);

    /// <summary>Silos with a live lease.</summary>
    Task<IReadOnlyList<SiloRecord>> ListSilosAsync(CancellationToken cancellationToken = default);

    // ---- copies (written only by the owning silo) ----

    Task PutCopyAsync(CopyRecord copy, CancellationToken cancellationToken = default);

    /// <summary>Removes the copy record if its epoch matches (a newer incarnation's record is left alone).</summary>
    Task RemoveCopyAsync(string modelId, string siloId, long epoch, CancellationToken cancellationToken = default);

    /// <summary>Every stored copy record of the model, live or not: callers filter by live silo epochs.</summary>
    Task<IReadOnlyList<CopyRecord>> GetCopiesAsync(string modelId, CancellationToken cancellationToken = default);

    // ---- load claims ----

    /// <summary>
    /// Claims the load of <paramref name="modelId"/> for a silo unless a live claim exists; returns the claim
    /// now in force (the caller's own, or the earlier one it must join).
    /// </summary>
    Task<LoadClaim> ClaimLoadAsync(string modelId, string siloId, long epoch, TimeSpan ttl, CancellationToken cancellationToken = default);

    Task<LoadClaim?> GetLoadClaimAsync(string modelId, CancellationToken cancellationToken = default);

    /// <summary>Clears the claim if it is held by this silo and epoch.</summary>
    Task ReleaseLoadClaimAsync(string modelId, string siloId, long epoch, CancellationToken cancellationToken = default);

    // ---- change stream ----

    /// <summary>Everything at once, for a (re)sync, with the stream position to watch from.</summary>
    Task<RegistrySnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Events after <paramref name="position"/>, waiting for new ones until cancelled. Throws
    /// <see cref="RegistryStreamGapException"/> when the position has been trimmed away.
    /// </summary>
    IAsyncEnumerable<RegistryEvent> WatchAsync(string position, CancellationToken cancellationToken = default);
}
