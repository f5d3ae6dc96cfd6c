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
/// <param name="RankBytes">
/// The size the TinyLFU order weighs the copy by (frequency per byte); 0 = <paramref name="SizeBytes"/>. A silo passes a
/// stable estimate from the model's file (its measured size varies with what the process allocated meanwhile, and that
/// noise must not rank a hot model under a lukewarm one of the same file size).
/// </param>
public sealed record CacheEntry(
    string ModelId, long SizeBytes, DateTimeOffset LastUsed, int InFlight, bool IsSpare, bool IsLoading, int Frequency = 0, long RankBytes = 0)
{
    /// <summary>The bytes the victim order uses: <see cref="RankBytes"/> when given, else <see cref="SizeBytes"/>.</summary>
    public long OrderBytes => RankBytes > 0 ? RankBytes : SizeBytes;
}
