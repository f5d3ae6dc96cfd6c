using ModelMesh.Registry;

namespace ModelMesh.Testing;

public sealed partial class TestCluster
{
    /// <summary>
    /// Waits until the cluster is at rest: no copy is loading on any silo; the registry's leases are exactly the
    /// running silos with their current epochs; the registry's copy records are exactly what the silos hold
    /// (model, silo, epoch, state), with nothing left from dead silos or old epochs; and the front door's
    /// routing table shows the same silos and copies.
    /// </summary>
    public async Task WaitUntilStableAsync(TimeSpan? timeout = null)
    {
        string? why = null;
        try
        {
            await Eventually.Until(async () => (why = await UnstableBecauseAsync()) is null, timeout ?? TimeSpan.FromSeconds(20), "the cluster is stable");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}: {why}", e);
        }
    }

    /// <summary>Null when stable, else the first reason it is not.</summary>
    public async Task<string?> UnstableBecauseAsync()
    {
        var silos = Silos;
        var expectedCopies = new HashSet<(string Model, string Silo, long Epoch, CopyState State)>();
        foreach (var silo in silos)
        {
            var epoch = EpochOf(silo);
            foreach (var copy in silo.Cache.Copies())
            {
                if (copy.State == CopyState.Loading)
                {
                    return $"{copy.ModelId} is loading on {silo.SiloId}";
                }

                expectedCopies.Add((copy.ModelId, silo.SiloId, epoch, copy.State));
            }
        }

        var leases = (await Registry.ListSilosAsync()).Select(s => (s.SiloId, s.Epoch)).ToHashSet();
        var expectedLeases = silos.Select(s => (s.SiloId, EpochOf(s))).ToHashSet();
        if (!leases.SetEquals(expectedLeases))
        {
            return $"registry leases [{string.Join(", ", leases)}] != running silos [{string.Join(", ", expectedLeases)}]";
        }

        var snapshot = await Registry.GetSnapshotAsync();
        var stored = snapshot.Copies.Select(c => (c.ModelId, c.SiloId, c.Epoch, c.State)).ToHashSet();
        if (!stored.SetEquals(expectedCopies))
        {
            return $"registry copies [{string.Join(", ", stored.Except(expectedCopies))}] extra, [{string.Join(", ", expectedCopies.Except(stored))}] missing";
        }

        var table = RoutingTable;
        var routedSilos = table.Silos.Values.Select(s => (s.SiloId, s.Epoch)).ToHashSet();
        if (!routedSilos.SetEquals(expectedLeases))
        {
            return $"the front door routes to silos [{string.Join(", ", routedSilos)}], running: [{string.Join(", ", expectedLeases)}]";
        }

        foreach (var model in stored.Select(c => c.ModelId).Distinct())
        {
            var routed = table.Route(model).Copies.Select(c => (c.ModelId, c.SiloId, c.Epoch, c.State)).ToHashSet();
            var want = stored.Where(c => c.ModelId == model).ToHashSet();
            if (!routed.SetEquals(want))
            {
                return $"the front door routes {model} to [{string.Join(", ", routed)}], the registry says [{string.Join(", ", want)}]";
            }
        }

        return null;
    }
}
