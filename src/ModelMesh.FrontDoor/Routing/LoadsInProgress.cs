using System.Collections.Concurrent;

namespace ModelMesh.FrontDoor.Routing;

/// <summary>
/// Loads under way per silo as this front door knows them: its own placements whose request has not returned
/// yet (seen at once, before the silo publishes anything) and the copies the registry shows loading (other
/// front doors' loads, spare copies). Placement reads it so that a burst of cold models spreads over the
/// silos' loaders instead of queueing on the best-fit silo (the "loads pile onto one pod" weakness).
/// </summary>
public sealed class LoadsInProgress(RoutingTable table)
{
    private readonly ConcurrentDictionary<(string SiloId, string ModelId), int> _placed = new();

    /// <summary>This front door placed a new copy of the model on the silo; pair with <see cref="End"/>.</summary>
    public void Begin(string siloId, string modelId) => _placed.AddOrUpdate((siloId, modelId), 1, (_, n) => n + 1);

    /// <summary>The request that placed the copy returned (loaded, failed or refused).</summary>
    public void End(string siloId, string modelId)
    {
        var key = (siloId, modelId);
        while (_placed.TryGetValue(key, out var n))
        {
            if (n <= 1 ? _placed.TryRemove(new KeyValuePair<(string, string), int>(key, n)) : _placed.TryUpdate(key, n - 1, n))
            {
                return;
            }
        }
    }

    /// <summary>Distinct models loading per silo id: own placements and registry loading copies, each counted once.</summary>
    public IReadOnlyDictionary<string, int> BySilo()
    {
        var loads = new HashSet<(string SiloId, string ModelId)>(_placed.Keys);
        foreach (var copy in table.LoadingCopies())
        {
            loads.Add((copy.SiloId, copy.ModelId));
        }

        var bySilo = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (siloId, _) in loads)
        {
            bySilo[siloId] = bySilo.GetValueOrDefault(siloId) + 1;
        }

        return bySilo;
    }
}
