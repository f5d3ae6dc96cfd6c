using System.Buffers;

namespace ModelMesh.Placement;

/// <summary>
/// Admission and eviction of one silo device (DESIGN §6; keeps registry invariant 5 on the silo side: the
/// silo's own ledger decides, and a device is never over capacity). A reservation is admitted when it fits;
/// otherwise idle copies (no request in flight, not loading, unused for the churn guard) are evicted, spares
/// first then least recently used (with <see cref="AdmissionPolicy.Lru"/>; TinyLFU's order below), and only as many as the reservation needs. When even every evictable copy
/// would not make room the reservation is refused and nothing is evicted: one big model never empties a
/// device for nothing. Pure: the caller passes the time and the ledger, and applies the plan.
/// <para>
/// Admission (<see cref="CacheOptions.Admission"/>). With <see cref="AdmissionPolicy.TinyLfu"/> the caller also
/// passes each copy's recent request count (a <see cref="FrequencySketch"/>). TinyLFU proper (and cachesim.py)
/// answers a request without caching its model when the model is colder than the victim; a serving mesh cannot: a
/// request is served only by a loaded copy, and the Orleans copy cache loads every copy it admits. So here the
/// newcomer is always loaded, and the victims are the idle copies with the lowest recent frequency per byte
/// (<see cref="AdmissionVictimOrder"/>: spares first, then GDSF-like, least recently used among equals). Once
/// loaded, a cold newcomer is itself the next victim, so one-off models take turns in one slot and the hot set
/// stays (what bypass would keep, less that slot); per byte, because a small copy saves as many misses per request as
/// a big one for a fraction of the room (Belady-Size's reasoning). Until 2026-12-03 the order was "copies no hotter
/// than the newcomer, least recently used first, then hotter ones coldest first", which ignored size and, among the
/// colder copies, went by recency only; docs/benchmarks.md has both. The refusal rule is unchanged. With every
/// frequency equal (callers that do not count) the plan is exactly LRU.
/// </para>
/// </summary>
public sealed class CachePolicy
{
    private readonly CacheOptions _options;

    public CachePolicy(CacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public CacheOptions Options => _options;

    /// <summary>True when the copy may be evicted now: idle, loaded, and used longer than the churn guard ago.</summary>
    public bool IsEvictable(CacheEntry entry, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.InFlight <= 0 && !entry.IsLoading && now - entry.LastUsed >= _options.ChurnGuard;
    }

    /// <summary>
    /// Plans a reservation of <paramref name="requestBytes"/> on a device; the caller evicts the victims, in order, then
    /// reserves. <paramref name="candidateFrequency"/>: the newcomer's recent requests, this one included; kept for callers,
    /// it no longer changes the plan (the TinyLFU order ranks only the copies already held: the newcomer is loaded in any case).
    /// </summary>
    public EvictionPlan PlanReservation(
        long capacityBytes, long usedBytes, long requestBytes, IReadOnlyList<CacheEntry> entries, DateTimeOffset now, int candidateFrequency = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(usedBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(requestBytes);
        ArgumentNullException.ThrowIfNull(entries);

        if (requestBytes > capacityBytes)
        {
            return EvictionPlan.Refuse($"needs {requestBytes} bytes; the device holds {capacityBytes} bytes");
        }

        var free = Math.Max(0, capacityBytes - usedBytes);
        if (requestBytes <= free)
        {
            return EvictionPlan.AdmitNow;
        }

        var needed = requestBytes - free;
        var evictable = EvictableBytes(entries, now);
        if (evictable < needed)
        {
            return EvictionPlan.Refuse(
                $"needs {requestBytes} bytes; {free} bytes are free and only {evictable} more can be evicted " +
                $"(copies in use, loading, or used within the churn guard of {_options.ChurnGuard.TotalSeconds:0.###} s are kept)");
        }

        return PlanEviction(entries, needed, now);
    }

    /// <summary>Bytes that could be evicted now (published as <c>DeviceCapacity.EvictableBytes</c>).</summary>
    public long EvictableBytes(IReadOnlyList<CacheEntry> entries, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entries);
        long total = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            if (IsEvictable(entries[i], now))
            {
                total += entries[i].SizeBytes;
            }
        }

        return total;
    }

    /// <summary>Last use of the least recently used evictable copy; <see cref="DateTimeOffset.MaxValue"/> when none (published as <c>SiloRecord.OldestLruAt</c>).</summary>
    public DateTimeOffset OldestEvictable(IReadOnlyList<CacheEntry> entries, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var oldest = DateTimeOffset.MaxValue;
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].LastUsed < oldest && IsEvictable(entries[i], now))
            {
                oldest = entries[i].LastUsed;
            }
        }

        return oldest;
    }

    /// <summary>
    /// Takes victims in <see cref="VictimOrder"/> until enough is freed, then drops any chosen victim (youngest
    /// first) whose bytes turn out not to be needed, e.g. a small old copy taken before the large one that
    /// alone suffices.
    /// </summary>
    private EvictionPlan PlanEviction(IReadOnlyList<CacheEntry> entries, long needed, DateTimeOffset now)
    {
        var scratch = ArrayPool<CacheEntry>.Shared.Rent(entries.Count);
        try
        {
            var count = 0;
            for (var i = 0; i < entries.Count; i++)
            {
                if (IsEvictable(entries[i], now))
                {
                    scratch[count++] = entries[i];
                }
            }

            IComparer<CacheEntry> order = _options.Admission == AdmissionPolicy.TinyLfu
                ? AdmissionVictimOrder.Instance
                : VictimOrder.Instance;
            Array.Sort(scratch, 0, count, order);
            long freed = 0;
            var taken = 0;
            while (freed < needed)
            {
                freed += scratch[taken++].SizeBytes;
            }

            var keep = new bool[taken];
            keep[taken - 1] = true;
            var victimCount = 1;
            for (var i = taken - 2; i >= 0; i--)
            {
                if (freed - scratch[i].SizeBytes >= needed)
                {
                    freed -= scratch[i].SizeBytes;
                }
                else
                {
                    keep[i] = true;
                    victimCount++;
                }
            }

            var victims = new string[victimCount];
            var v = 0;
            for (var i = 0; i < taken; i++)
            {
                if (keep[i])
                {
                    victims[v++] = scratch[i].ModelId;
                }
            }

            return new EvictionPlan(Admitted: true, victims, RefusalReason: null);
        }
        finally
        {
            ArrayPool<CacheEntry>.Shared.Return(scratch, clearArray: true);
        }
    }
}
