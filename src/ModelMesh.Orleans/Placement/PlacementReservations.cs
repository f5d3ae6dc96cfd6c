using ModelMesh.Orleans.Board;

namespace ModelMesh.Orleans.Placement;

/// <summary>
/// The placement director's local reservations. Publications are up to a second old, so without them a burst of
/// placements would all see the same free bytes and pile onto one silo. A reservation counts its bytes against the
/// silo's device, its model as held there (anti-affinity), and one load in progress, until the silo publishes the
/// copy (then its own numbers include it) or it expires (the activation never happened). Not thread-safe: the director
/// holds its lock around every use.
/// </summary>
internal sealed class PlacementReservations
{
    private readonly List<PlacementReservation> _items = [];

    /// <summary>Reserves for a copy; a copy placed again (refused, migrated) keeps only its newest reservation.</summary>
    public void Add(PlacementReservation reservation)
    {
        _items.RemoveAll(r => r.CopyKey == reservation.CopyKey);
        _items.Add(reservation);
    }

    /// <summary>Drops reservations that expired or whose copy the silo now publishes.</summary>
    /// <param name="publishes">Whether the silo's publication (or, for this silo, its cache) shows the copy.</param>
    public void Prune(Func<SiloAddress, string, bool> publishes, DateTimeOffset now) =>
        _items.RemoveAll(r => r.Expires <= now || publishes(r.Silo, r.CopyKey));

    public long BytesOn(SiloAddress silo, string device)
    {
        long bytes = 0;
        foreach (var r in _items)
        {
            if (r.Silo.Equals(silo) && r.Device == device)
            {
                bytes += r.Bytes;
            }
        }

        return bytes;
    }

    public int LoadsOn(SiloAddress silo) => _items.Count(r => r.Silo.Equals(silo));

    /// <summary>True when another copy of the model (not <paramref name="copyKey"/> itself, being placed again) is reserved there.</summary>
    public bool HoldsModel(SiloAddress silo, string modelId, string copyKey) =>
        _items.Exists(r => r.Silo.Equals(silo) && r.ModelId == modelId && r.CopyKey != copyKey);
}
