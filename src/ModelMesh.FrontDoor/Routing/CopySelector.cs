using ModelMesh.Registry;

namespace ModelMesh.FrontDoor.Routing;

/// <summary>
/// Picks the copy for a request (docs/architecture.md, The request path, step 3): among loaded copies on live, non-excluded silos, the one
/// with the fewest requests in flight from this front door, ties to the most recently used — so at low load
/// traffic concentrates (spares age out of the LRU) and at high load it spreads. Draining silos come last.
/// </summary>
public static class CopySelector
{
    public static SiloRecord? PickLoaded(RoutingTable table, ModelRoute route, IReadOnlySet<string> excluded, DateTimeOffset now) =>
        Pick(table, route, CopyState.Loaded, excluded, now);

    public static SiloRecord? PickLoading(RoutingTable table, ModelRoute route, IReadOnlySet<string> excluded, DateTimeOffset now) =>
        Pick(table, route, CopyState.Loading, excluded, now);

    private static SiloRecord? Pick(RoutingTable table, ModelRoute route, CopyState state, IReadOnlySet<string> excluded, DateTimeOffset now)
    {
        SiloRecord? best = null;
        var bestDraining = true;
        var bestInFlight = int.MaxValue;
        long bestLastUsed = long.MinValue;
        foreach (var copy in route.Copies)
        {
            if (copy.State != state || excluded.Contains(copy.SiloId) || table.IsSuspect(copy.SiloId, now)
                || table.LiveSilo(copy) is not { } silo)
            {
                continue;
            }

            var draining = silo.State == SiloState.Draining;
            var stats = route.StatsFor(copy.SiloId);
            var inFlight = stats.InFlight;
            var lastUsed = stats.LastUsedTicks;
            var better = best is null
                || (bestDraining && !draining)
                || (bestDraining == draining && (inFlight < bestInFlight || (inFlight == bestInFlight && lastUsed > bestLastUsed)));
            if (better)
            {
                best = silo;
                bestDraining = draining;
                bestInFlight = inFlight;
                bestLastUsed = lastUsed;
            }
        }

        return best;
    }
}
