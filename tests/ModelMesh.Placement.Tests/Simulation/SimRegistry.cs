using ModelMesh.Registry;

namespace ModelMesh.Placement.Tests.Simulation;

/// <summary>
/// The shared registry of the simulation, with the rules of DESIGN §5: a silo writes only its own copy
/// records, which carry its epoch (invariants 1, 2); a lease that expires, or is replaced by a new epoch,
/// takes the silo's copy records with it (invariant 3); the model record goes before its copies (6).
/// </summary>
internal sealed class SimRegistry
{
    public Dictionary<string, SimModel> Models { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, (SiloRecord Record, DateTimeOffset ExpiresAt)> Leases { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Dictionary<string, CopyRecord>> Copies { get; } = new(StringComparer.Ordinal);

    public void Heartbeat(SiloRecord record, DateTimeOffset expiresAt)
    {
        if (Leases.TryGetValue(record.SiloId, out var old) && old.Record.Epoch != record.Epoch)
        {
            CollectDeadCopies(record.SiloId, record.Epoch);
        }

        Leases[record.SiloId] = (record, expiresAt);
    }

    public void ExpireLeases(DateTimeOffset now)
    {
        var expired = Leases.Where(l => l.Value.ExpiresAt <= now).Select(l => l.Key).ToList();
        foreach (var siloId in expired)
        {
            Leases.Remove(siloId);
            CollectDeadCopies(siloId, keepEpoch: null);
        }
    }

    public bool IsLive(CopyRecord copy) => Leases.TryGetValue(copy.SiloId, out var lease) && lease.Record.Epoch == copy.Epoch;

    public void PutCopy(CopyRecord copy)
    {
        if (!IsLive(copy))
        {
            throw new InvalidOperationException($"silo {copy.SiloId} epoch {copy.Epoch} wrote a copy of {copy.ModelId} without its live lease");
        }

        if (!Copies.TryGetValue(copy.ModelId, out var bySilo))
        {
            Copies[copy.ModelId] = bySilo = new Dictionary<string, CopyRecord>(StringComparer.Ordinal);
        }

        bySilo[copy.SiloId] = copy;
    }

    public void RemoveCopy(string modelId, string siloId, long epoch)
    {
        if (Copies.TryGetValue(modelId, out var bySilo) && bySilo.TryGetValue(siloId, out var copy) && copy.Epoch == epoch)
        {
            bySilo.Remove(siloId);
            if (bySilo.Count == 0)
            {
                Copies.Remove(modelId);
            }
        }
    }

    /// <summary>Copies of silos with a live lease of the same epoch (what routers may use).</summary>
    public List<CopyRecord> LiveCopies(string modelId)
    {
        var live = new List<CopyRecord>();
        if (Copies.TryGetValue(modelId, out var bySilo))
        {
            foreach (var copy in bySilo.Values)
            {
                if (IsLive(copy))
                {
                    live.Add(copy);
                }
            }
        }

        return live;
    }

    public int LiveLoadedCount(string modelId)
    {
        var count = 0;
        if (Copies.TryGetValue(modelId, out var bySilo))
        {
            foreach (var copy in bySilo.Values)
            {
                count += copy.State == CopyState.Loaded && IsLive(copy) ? 1 : 0;
            }
        }

        return count;
    }

    private void CollectDeadCopies(string siloId, long? keepEpoch)
    {
        foreach (var (modelId, bySilo) in Copies.ToList())
        {
            if (bySilo.TryGetValue(siloId, out var copy) && copy.Epoch != keepEpoch)
            {
                RemoveCopy(modelId, siloId, copy.Epoch);
            }
        }
    }
}
