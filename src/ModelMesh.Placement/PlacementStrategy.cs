using System.Buffers;
using ModelMesh.Registry;

namespace ModelMesh.Placement;

/// <summary>
/// Chooses the silos that may load a new copy of a model (DESIGN §6), from the silo records the front door
/// sees. Pure: the same records give the same ranking on every front door. The silo re-checks admission
/// with its own ledger (registry invariant 5) and may refuse; the caller then tries the next candidate.
/// Runs once per cache miss, so it allocates only the result (scratch space is pooled).
/// </summary>
public sealed class PlacementStrategy
{
    private readonly PlacementOptions _options;

    public PlacementStrategy(PlacementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public PlacementOptions Options => _options;

    public PlacementDecision Place(PlacementRequest request, IReadOnlyList<SiloRecord> silos)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(silos);
        ArgumentOutOfRangeException.ThrowIfNegative(request.SizeBytes);

        var scratch = ArrayPool<RankedCandidate>.Shared.Rent(Math.Max(1, silos.Count));
        try
        {
            var count = 0;
            var survey = new CapacitySurvey();
            for (var i = 0; i < silos.Count; i++)
            {
                var silo = silos[i];
                if (!SiloFilter.MatchesLabels(silo, request.RequiredLabels) || !survey.AddStaticMatch(silo, request.DeviceClass))
                {
                    continue;
                }

                if (silo.State == SiloState.Draining || SiloFilter.Contains(request.ExcludedSiloIds, silo.SiloId))
                {
                    continue;
                }

                survey.EligibleSilos++;
                if (TryRank(silo, request, LoadsOn(silo, request), ref survey, out var ranked))
                {
                    scratch[count++] = ranked;
                }
            }

            if (count == 0)
            {
                return Fail(request, survey);
            }

            Array.Sort(scratch, 0, count, CandidateRanking.Instance);
            var candidates = new PlacementCandidate[count];
            for (var i = 0; i < count; i++)
            {
                var r = scratch[i];
                candidates[i] = new PlacementCandidate(r.SiloId, r.Device, RequiresEviction: !r.FitsNow);
            }

            return new PlacementDecision(candidates, FailureReason: null, ModelTooLarge: false);
        }
        finally
        {
            ArrayPool<RankedCandidate>.Shared.Return(scratch, clearArray: true);
        }
    }

    /// <summary>Loads under way on the silo and whether they fill its loading slots (never "full" when spreading is off).</summary>
    private (int Loads, bool SlotsFull) LoadsOn(SiloRecord silo, PlacementRequest request)
    {
        if (!_options.SpreadConcurrentLoads || request.LoadsInProgress is null
            || !request.LoadsInProgress.TryGetValue(silo.SiloId, out var loads) || loads <= 0)
        {
            return (0, false);
        }

        var slots = silo.LoadSlots > 0 ? silo.LoadSlots : _options.DefaultLoadSlots;
        return (loads, loads >= slots);
    }

    /// <summary>Picks the silo's best device: the tightest that fits now, else the one that must evict least.</summary>
    private static bool TryRank(SiloRecord silo, PlacementRequest request, (int Loads, bool SlotsFull) loading, ref CapacitySurvey survey, out RankedCandidate ranked)
    {
        DeviceCapacity? fit = null;
        DeviceCapacity? evict = null;
        var devices = silo.Devices;
        for (var d = 0; d < devices.Count; d++)
        {
            var device = devices[d];
            if (!SiloFilter.IsOfClass(device, request.DeviceClass))
            {
                continue;
            }

            var free = device.FreeBytes;
            var reachable = ReachableBytes(device);
            survey.LargestReachable = Math.Max(survey.LargestReachable, reachable);
            if (free >= request.SizeBytes)
            {
                if (fit is null || free < fit.FreeBytes)
                {
                    fit = device;
                }
            }
            else if (reachable >= request.SizeBytes && (evict is null || free > evict.FreeBytes))
            {
                evict = device;
            }
        }

        var chosen = fit ?? evict;
        if (chosen is null)
        {
            ranked = default;
            return false;
        }

        ranked = new RankedCandidate(
            silo.SiloId,
            chosen.Name,
            FitsNow: fit is not null,
            LoadSlotsFull: loading.SlotsFull,
            LoadsInProgress: loading.Loads,
            LeftAfterPlacing: chosen.FreeBytes - request.SizeBytes,
            BytesToEvict: Math.Max(0, request.SizeBytes - chosen.FreeBytes),
            silo.InFlight,
            silo.LoadedCount,
            silo.OldestLruAt);
        return true;
    }

    /// <summary>Free plus evictable bytes, never more than the capacity (a silo's published numbers may be stale).</summary>
    private static long ReachableBytes(DeviceCapacity device)
    {
        var evictable = Math.Clamp(device.EvictableBytes, 0, device.CapacityBytes);
        return Math.Min(device.CapacityBytes, device.FreeBytes + evictable);
    }

    private static PlacementDecision Fail(PlacementRequest request, CapacitySurvey survey)
    {
        var deviceClass = request.DeviceClass;
        if (survey.LargestCapacity < 0)
        {
            return PlacementDecision.Unavailable(request.RequiredLabels.Count == 0
                ? $"no silo has a {deviceClass} device for model {request.ModelId}"
                : $"no silo with the labels model {request.ModelId} requires has a {deviceClass} device");
        }

        if (request.SizeBytes > survey.LargestCapacity)
        {
            return PlacementDecision.TooLarge(
                $"model {request.ModelId} needs {request.SizeBytes} bytes; the largest {deviceClass} device holds {survey.LargestCapacity} bytes");
        }

        if (survey.EligibleSilos == 0)
        {
            return PlacementDecision.Unavailable(
                $"no eligible silo for model {request.ModelId}: every silo with a {deviceClass} device is draining, holds a copy, or was excluded");
        }

        return PlacementDecision.Unavailable(
            $"no silo can make room for model {request.ModelId} ({request.SizeBytes} bytes) now: the most an eligible {deviceClass} device can free is {survey.LargestReachable} bytes");
    }
}
