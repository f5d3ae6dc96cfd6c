using ModelMesh.Orleans.Board;

namespace ModelMesh.FrontDoor.Routing;

/// <summary>
/// Where copies are, as this process's capacity board shows them (every silo's publication, about a second old at most,
/// pruned by Orleans membership), plus the models this process just got an answer from (<see cref="ServedCopies"/>).
/// Read by ModelReady, model status and <c>modelmesh cluster</c>; never by the request path's routing decision beyond
/// <see cref="Orleans.Routing.ModelCopyRouter"/>'s own reading.
/// </summary>
public sealed class CopyBoardView(CapacityBoard board, ServedCopies served, TimeProvider time)
{
    /// <summary>How long a management call waits for this member's board to show its change (three publication intervals by default).</summary>
    public static readonly TimeSpan ShowTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Waits until the board shows the model loaded on <paramref name="silo"/> (after a management load); false after <see cref="ShowTimeout"/>.</summary>
    public Task<bool> WaitShownLoadedAsync(string modelId, SiloAddress silo, CancellationToken cancellationToken) =>
        board.WaitUntilAsync(b => b.CopiesOf(modelId).Any(c => c.Copy.State == CopyStateName.Loaded && c.Silo.Silo.Equals(silo)),
            ShowTimeout, time, cancellationToken);

    /// <summary>Waits until the board shows no loading or loaded copy of the model (after an unload); false after <see cref="ShowTimeout"/>.</summary>
    public Task<bool> WaitShownUnloadedAsync(string modelId, CancellationToken cancellationToken) =>
        board.WaitUntilAsync(b => b.CopiesOf(modelId).All(c => c.Copy.State == CopyStateName.Failed), ShowTimeout, time, cancellationToken);

    /// <summary>True when a copy of the model is loaded on a live silo.</summary>
    public bool IsLoaded(string modelId)
    {
        if (served.Recently(modelId))
        {
            return true;
        }

        foreach (var (_, copy) in board.CopiesOf(modelId))
        {
            if (copy.State == CopyStateName.Loaded)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The model's copies (loading, loaded, recently failed) with their silo's name.</summary>
    public IReadOnlyList<(string Silo, CopyView Copy)> CopiesOf(string modelId)
    {
        return [.. board.CopiesOf(modelId).Select(c => (c.Silo.DisplayName, c.Copy))];
    }

    /// <summary>The silo's name as its publication gives it, or its address before its first publication arrives.</summary>
    public string SiloName(SiloAddress silo) => board.TryGet(silo, out var capacity) ? capacity.DisplayName : silo.ToString();

    /// <summary>Every silo's publication, model-holding silos and front doors alike, by name.</summary>
    public IReadOnlyList<SiloCapacity> Silos() => [.. board.Snapshot().OrderBy(s => s.DisplayName, StringComparer.Ordinal)];

    /// <summary>Silos that can hold models (not front doors).</summary>
    public int ModelSilos => board.Snapshot().Count(s => s.HoldsModels);
}
