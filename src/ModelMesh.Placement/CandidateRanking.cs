namespace ModelMesh.Placement;

/// <summary>
/// Order of placement candidates (DESIGN §6): copies that fit now come first, best fit (least free space left
/// after placing), then fewer in-flight requests, then fewer loaded copies. Copies that fit only after
/// eviction follow, the silo with the oldest least-recently-used copy first (approximates a global LRU),
/// then the one that has to evict fewer bytes, then fewer in-flight. The silo id breaks the last ties so the
/// order is deterministic and front doors that see the same records choose the same silo.
/// Inside each group, silos whose loading slots are all taken come last (fewest loads under way first), so a
/// burst of cold models spreads over the silos' loaders; with a free slot everywhere this changes nothing.
/// </summary>
internal sealed class CandidateRanking : IComparer<RankedCandidate>
{
    public static readonly CandidateRanking Instance = new();

    public int Compare(RankedCandidate x, RankedCandidate y)
    {
        if (x.FitsNow != y.FitsNow)
        {
            return x.FitsNow ? -1 : 1;
        }

        if (x.LoadSlotsFull != y.LoadSlotsFull)
        {
            return x.LoadSlotsFull ? 1 : -1;
        }

        int order = x.LoadSlotsFull ? x.LoadsInProgress.CompareTo(y.LoadsInProgress) : 0;
        if (order != 0)
        {
            return order;
        }

        if (x.FitsNow)
        {
            order = x.LeftAfterPlacing.CompareTo(y.LeftAfterPlacing);
            if (order == 0)
            {
                order = x.InFlight.CompareTo(y.InFlight);
            }

            if (order == 0)
            {
                order = x.LoadedCount.CompareTo(y.LoadedCount);
            }
        }
        else
        {
            order = x.OldestLruAt.CompareTo(y.OldestLruAt);
            if (order == 0)
            {
                order = x.BytesToEvict.CompareTo(y.BytesToEvict);
            }

            if (order == 0)
            {
                order = x.InFlight.CompareTo(y.InFlight);
            }
        }

        return order != 0 ? order : string.CompareOrdinal(x.SiloId, y.SiloId);
    }
}
