using System.Collections.Concurrent;

namespace ModelMesh.Orleans.Board;

/// <summary>
/// This silo's view of every silo's published capacity (its own included). Written by the capacity board service
/// (publications received, its own snapshot, pruning on membership changes), read by the placement director.
/// Keeps the newest publication per silo address; a silo address names one incarnation (it carries a generation),
/// so a restarted silo starts a new entry and the old one is pruned when membership declares it dead.
/// </summary>
public sealed class CapacityBoard
{
    private readonly ConcurrentDictionary<SiloAddress, SiloCapacity> _silos = new();

    public void Put(SiloCapacity capacity)
    {
        ArgumentNullException.ThrowIfNull(capacity);
        _silos.AddOrUpdate(capacity.Silo, capacity, (_, current) => capacity.Sequence >= current.Sequence ? capacity : current);
    }

    public bool TryGet(SiloAddress silo, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SiloCapacity? capacity) =>
        _silos.TryGetValue(silo, out capacity);

    /// <summary>Drops every silo not in <paramref name="alive"/>.</summary>
    public void Prune(IReadOnlySet<SiloAddress> alive)
    {
        foreach (var silo in _silos.Keys)
        {
            if (!alive.Contains(silo))
            {
                _silos.TryRemove(silo, out _);
            }
        }
    }

    public IReadOnlyList<SiloCapacity> Snapshot() => [.. _silos.Values];
}
