namespace ModelMesh.Placement;

/// <summary>
/// Eviction order among evictable copies: spare copies first (the model stays loaded elsewhere), then least
/// recently used first; the model id breaks ties so the plan is deterministic.
/// </summary>
internal sealed class VictimOrder : IComparer<CacheEntry>
{
    public static readonly VictimOrder Instance = new();

    public int Compare(CacheEntry? x, CacheEntry? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return 1;
        }

        if (y is null)
        {
            return -1;
        }

        if (x.IsSpare != y.IsSpare)
        {
            return x.IsSpare ? -1 : 1;
        }

        var order = x.LastUsed.CompareTo(y.LastUsed);
        return order != 0 ? order : string.CompareOrdinal(x.ModelId, y.ModelId);
    }
}
