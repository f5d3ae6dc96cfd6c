using ModelMesh.Orleans.Cache;

namespace ModelMesh.Testing;

public sealed partial class TestCluster
{
    /// <summary>
    /// Waits until the cluster is at rest: no copy is loading on any silo; the front door's board lists exactly the
    /// running silos (and itself); and each silo's publication there shows exactly the copies its cache holds.
    /// </summary>
    public async Task WaitUntilStableAsync(TimeSpan? timeout = null)
    {
        string? why = null;
        try
        {
            await Eventually.Until(() => (why = UnstableBecause()) is null, timeout ?? TimeSpan.FromSeconds(20), "the cluster is stable");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}: {why}", e);
        }
    }

    /// <summary>Null when stable, else the first reason it is not.</summary>
    public string? UnstableBecause()
    {
        var silos = Silos;
        var board = Board.Snapshot().Where(s => s.HoldsModels).ToDictionary(s => s.Name, StringComparer.Ordinal);
        var running = silos.Select(s => s.SiloId).ToHashSet(StringComparer.Ordinal);
        if (!running.SetEquals(board.Keys))
        {
            return $"the front door's board lists [{string.Join(", ", board.Keys.Order())}], running: [{string.Join(", ", running.Order())}]";
        }

        foreach (var silo in silos)
        {
            var held = new HashSet<string>(StringComparer.Ordinal);
            foreach (var copy in silo.Cache.Copies())
            {
                if (copy.State == CopyState.Loading)
                {
                    return $"{copy.KeyText} is loading on {silo.SiloId}";
                }

                if (copy.State == CopyState.Loaded)
                {
                    held.Add(copy.KeyText);
                }
            }

            var published = board[silo.SiloId].Copies.Where(c => c.State == Orleans.Board.CopyStateName.Loaded).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            if (!published.SetEquals(held))
            {
                return $"{silo.SiloId} holds [{string.Join(", ", held.Order())}] but the front door's board shows [{string.Join(", ", published.Order())}]";
            }
        }

        return null;
    }
}
