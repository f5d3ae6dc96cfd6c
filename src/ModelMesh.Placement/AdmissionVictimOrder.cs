namespace ModelMesh.Placement;

/// <summary>
/// TinyLFU victim order: spare copies first (as <see cref="VictimOrder"/>), then the lowest recent frequency per
/// byte first (GDSF-like, without the inflation term: the sketch's ageing already forgets), least recently used
/// among equals; the model id breaks ties so the plan is deterministic. With equal sizes this is plain LFU (lowest
/// frequency first); with every frequency equal it is LRU. The newcomer's own frequency plays no part: it is loaded
/// in any case (see <see cref="CachePolicy"/>), and once loaded a cold newcomer is itself the next victim.
/// The bytes are <see cref="CacheEntry.OrderBytes"/> (a stable estimate where the caller has one). Frequencies per byte are compared exactly (cross products in 128 bits; a size below one byte counts as one).
/// </summary>
internal sealed class AdmissionVictimOrder : IComparer<CacheEntry>
{
    public static readonly AdmissionVictimOrder Instance = new();

    public int Compare(CacheEntry? x, CacheEntry? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? 1 : -1;
        }

        if (x.IsSpare != y.IsSpare)
        {
            return x.IsSpare ? -1 : 1;
        }

        // x.Frequency / x.Size vs y.Frequency / y.Size, without division.
        var density = ((Int128)x.Frequency * Math.Max(1, y.OrderBytes)).CompareTo((Int128)y.Frequency * Math.Max(1, x.OrderBytes));
        if (density != 0)
        {
            return density;
        }

        var order = x.LastUsed.CompareTo(y.LastUsed);
        return order != 0 ? order : string.CompareOrdinal(x.ModelId, y.ModelId);
    }
}
