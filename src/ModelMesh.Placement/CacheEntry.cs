namespace ModelMesh.Placement;

/// <summary>
/// One copy in a silo device's cache, as the cache policy sees it.
/// </summary>
/// <param name="ModelId">The model.</param>
/// <param name="SizeBytes">Bytes the copy holds (reserved while loading, measured once loaded).</param>
/// <param name="LastUsed">Last request to the copy, or when it was loaded.</param>
/// <param name="InFlight">Requests running on the copy now.</param>
/// <param name="IsSpare">True when the model has other copies in the mesh: evicting this one costs no cold start.</param>
/// <param name="IsLoading">True while the copy is being loaded (never evicted).</param>
/// <param name="Frequency">Recent requests for the model (<see cref="FrequencySketch.Estimate"/>); used by <see cref="AdmissionPolicy.TinyLfu"/> only.</param>
public sealed record CacheEntry(string ModelId, long SizeBytes, DateTimeOffset LastUsed, int InFlight, bool IsSpare, bool IsLoading, int Frequency = 0);
