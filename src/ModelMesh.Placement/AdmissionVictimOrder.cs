namespace ModelMesh.Placement;

/// <summary>
/// TinyLFU victim order for one newcomer: spare copies first (as <see cref="VictimOrder"/>), then the copies asked
/// for no more often than the newcomer, least recently used first, then the hotter ones, coldest first (least
/// recently used among equals); the model id breaks ties so the plan is deterministic.
/// </summary>
internal sealed class AdmissionVictimOrder(int candidateFrequency) : IComparer<CacheEntry>
{
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

        bool xHot = x.Frequency > candidateFrequency, yHot = y.Frequency > candidateFrequency;
        if (xHot != yHot)
        {
            return xHot ? 1 : -1;
        }

        if (xHot && x.Frequency != y.Frequency)
        {
            return x.Frequency.CompareTo(y.Frequency);
        }

        var order = x.LastUsed.CompareTo(y.LastUsed);
        return order != 0 ? order : string.CompareOrdinal(x.ModelId, y.ModelId);
    }
}
