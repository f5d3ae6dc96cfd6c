using System.Collections.Concurrent;
using ModelMesh.Orleans.Copies;

namespace ModelMesh.Orleans.Routing;

/// <summary>
/// A router's view of one model: the copy set last read from its <see cref="IModelCopiesGrain"/> and a slot per copy
/// used. Picking reads only this (no grain call): the copy with the fewest requests in flight, ties to the lowest
/// number, so at low load traffic stays on copy 0 and spares age out.
/// </summary>
internal sealed class CopyRoute(string modelId, IGrainFactory grains)
{
    private readonly ConcurrentDictionary<int, CopySlot> _slots = new();
    private volatile IReadOnlyList<int> _copies = [0];
    private long _lastUsedTicks;
    private int _idleRounds;

    public string ModelId { get; } = modelId;

    public IReadOnlyList<int> Copies => _copies;

    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    public void Apply(CopySet set) => _copies = set.Copies.Count > 0 ? set.Copies : [0];

    /// <summary>
    /// Adds copies found loaded elsewhere (the board) that the set does not list yet; true when any was added. The copy
    /// count grain adopts them when this router reports using them.
    /// </summary>
    public bool Adopt(IReadOnlyCollection<int> found)
    {
        var current = _copies;
        if (found.All(current.Contains))
        {
            return false;
        }

        _copies = [.. current.Concat(found).Distinct().Order()];
        return true;
    }

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastUsedTicks, now.UtcTicks);

    /// <summary>
    /// The copy for the next attempt: among the set's copies not tried by this request and not suspect, the fewest in
    /// flight. When every one is tried or suspect (its silo died, say), the lowest copy number outside the set that is
    /// neither: placement puts it on a live silo without a copy of the model, and the copy count grain adopts it.
    /// </summary>
    public CopySlot Pick(IReadOnlyCollection<int>? tried, long nowTicks)
    {
        CopySlot? best = null;
        var copies = _copies;
        foreach (var copy in copies)
        {
            if (tried?.Contains(copy) == true)
            {
                continue;
            }

            var slot = Slot(copy);
            if (!slot.IsSuspect(nowTicks) && (best is null || slot.InFlight < best.InFlight))
            {
                best = slot;
            }
        }

        if (best is not null)
        {
            return best;
        }

        for (var copy = 0; ; copy++)
        {
            if (copies.Contains(copy) || tried?.Contains(copy) == true)
            {
                continue;
            }

            var slot = Slot(copy);
            if (!slot.IsSuspect(nowTicks))
            {
                return slot;
            }
        }
    }

    /// <summary>Counts a report round without requests; a round with some resets it (see <see cref="TakeReport"/>).</summary>
    public int IdleRound() => ++_idleRounds;

    /// <summary>Requests per copy since the last report (only copies with some) and requests in flight now.</summary>
    public CopyLoadReport TakeReport(string reporter)
    {
        var requests = new Dictionary<int, long>();
        var inFlight = 0;
        foreach (var (copy, slot) in _slots)
        {
            var count = slot.TakeRequests();
            if (count > 0)
            {
                requests[copy] = count;
            }

            inFlight += slot.InFlight;
        }

        if (requests.Count > 0 || inFlight > 0)
        {
            _idleRounds = 0;
        }

        return new CopyLoadReport { Reporter = reporter, RequestsByCopy = requests, InFlight = inFlight };
    }

    private CopySlot Slot(int copy) =>
        _slots.TryGetValue(copy, out var slot) ? slot
            : _slots.GetOrAdd(copy, c => new CopySlot(c, grains.GetGrain<IModelCopyGrain>(new ModelCopyKey(ModelId, c).ToString())));
}
