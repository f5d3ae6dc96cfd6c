using ModelMesh.Registry;

namespace ModelMesh.Placement.Tests.Simulation;

/// <summary>
/// The simulation's own bookkeeping of what the cluster knows (in the mesh: the registry's models, Orleans
/// membership and the grain directory), so placement and eviction run against a view as stale as a real one. A
/// silo writes only its own copy records, which carry its epoch; a membership entry that expires (a silo declared
/// dead), or is replaced by a new epoch, takes the silo's copy records with it; the model record goes before its copies.
/// </summary>
internal sealed class SimRegistry
{
    public Dictionary<string, SimModel> Models { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, (SiloRecord Record, DateTimeOffset ExpiresAt)> Members { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Dictionary<string, SimCopyRecord>> Copies { get; } = new(StringComparer.Ordinal);

    public void Heartbeat(SiloRecord record, DateTimeOffset expiresAt)
    {
        if (Members.TryGetValue(record.SiloId, out var old) && old.Record.Epoch != record.Epoch)
        {
            CollectDeadCopies(record.SiloId, record.Epoch);
        }

        Members[record.SiloId] = (record, expiresAt);
    }

    public void ExpireMembers(DateTimeOffset now)
    {
        var expired = Members.Where(l => l.Value.ExpiresAt <= now).Select(l => l.Key).ToList();
        foreach (var siloId in expired)
        {
            Members.Remove(siloId);
            CollectDeadCopies(siloId, keepEpoch: null);
        }
    }

    public bool IsLive(SimCopyRecord copy) => Members.TryGetValue(copy.SiloId, out var member) && member.Record.Epoch == copy.Epoch;

    public void PutCopy(SimCopyRecord copy)
    {
        if (!IsLive(copy))
        {
            throw new InvalidOperationException($"silo {copy.SiloId} epoch {copy.Epoch} wrote a copy of {copy.ModelId} while not a live member");
        }

        if (!Copies.TryGetValue(copy.ModelId, out var bySilo))
        {
            Copies[copy.ModelId] = bySilo = new Dictionary<string, SimCopyRecord>(StringComparer.Ordinal);
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

    /// <summary>Copies of silos that are live members with the same epoch (what routers may use).</summary>
    public List<SimCopyRecord> LiveCopies(string modelId)
    {
        var live = new List<SimCopyRecord>();
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
                count += copy.State == SimCopyState.Loaded && IsLive(copy) ? 1 : 0;
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
