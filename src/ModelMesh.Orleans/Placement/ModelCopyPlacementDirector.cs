using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelMesh.Orleans.Board;
using ModelMesh.Orleans.Cache;
using ModelMesh.Orleans.Copies;
using ModelMesh.Orleans.Registrations;
using ModelMesh.Placement;
using ModelMesh.Registry;
using Orleans.Runtime.Placement;
using BestFit = ModelMesh.Placement.PlacementStrategy;
using OrleansPlacementStrategy = Orleans.Runtime.PlacementStrategy;

namespace ModelMesh.Orleans.Placement;

/// <summary>
/// Chooses the silo for a new model copy activation; runs on the silo that addresses the first message (a keyed
/// singleton, called concurrently). Invariants it keeps cluster-wide, from the capacity board (publications at most
/// about a second old) plus its own reservations — it never makes a grain call:
/// best fit by free device memory (the existing <see cref="BestFit"/> ranking: RAM, or GPU memory for GPU models);
/// never a silo that holds or is getting a copy of the same model; never a draining silo or one with no model
/// capacity (front doors), never a silo where the model failed to load in the last 15 minutes or that the caller saw
/// fail (<see cref="AvoidKey"/>); bursts spread, because each placement reserves its bytes and a load slot locally until
/// the silo publishes the copy. The decision is advisory: the silo admits the activation against its own accounting
/// (<see cref="SiloCopyCache.Admit"/>) and refuses it with a typed error if a stale view was wrong. A placement hint
/// (migration, drain hand-off) is honoured as Orleans' own directors do; the silo's admission still decides.
/// </summary>
public sealed partial class ModelCopyPlacementDirector(
    CapacityBoard board, IModelRegistrations registrations, SiloCopyCache cache, IOptions<CopyCacheOptions> options,
    TimeProvider time, ILogger<ModelCopyPlacementDirector> logger) : IPlacementDirector
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();
    private readonly Lock _gate = new();
    private readonly PlacementReservations _reservations = new();
    private readonly BestFit _bestFit = new(new PlacementOptions());

    public async Task<SiloAddress> OnAddActivation(OrleansPlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var compatible = context.GetCompatibleSilos(target);
        if (IPlacementDirector.GetPlacementHint(target.RequestContextData, compatible) is { } hint)
        {
            return hint;
        }

        var keyText = target.GrainIdentity.Key.ToString();
        var key = ModelCopyKey.Parse(keyText);
        var registration = await registrations.FindAsync(key.ModelId, CancellationToken.None)
            ?? throw new ModelCopyException(CopyFailure.ModelNotFound, $"unknown model '{key.ModelId}'");
        var bytes = cache.PredictSize(registration);
        var avoid = AvoidedSilos(target.RequestContextData);
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var local = cache.PlacementView(context.LocalSilo);
            _reservations.Prune((silo, copyKey) => Publishes(silo, copyKey, context.LocalSilo), now);
            var modelCopies = board.CopiesOf(key.ModelId); // other silos' copies and failures of this model (the board's index)
            var records = new List<SiloRecord>(compatible.Length);
            var excluded = new HashSet<string>(StringComparer.Ordinal);
            var loads = new Dictionary<string, int>(StringComparer.Ordinal);
            var addresses = new Dictionary<string, SiloAddress>(StringComparer.Ordinal);
            foreach (var silo in compatible)
            {
                if (View(silo, local) is not { HoldsModels: true } published)
                {
                    continue;
                }

                var id = silo.ToParsableString();
                addresses[id] = silo;
                records.Add(ToRecord(id, published));
                loads[id] = published.Loading + _reservations.LoadsOn(silo);
                var holdsOrFailed = ReferenceEquals(published, local)
                    ? cache.HoldsModel(key.ModelId) || cache.Failures.Has(key.ModelId)
                    : modelCopies.Any(c => c.Silo.Silo.Equals(silo));
                if (holdsOrFailed || _reservations.HoldsModel(silo, key.ModelId, keyText) || avoid.Contains(id))
                {
                    excluded.Add(id);
                }
            }

            var decision = _bestFit.Place(new PlacementRequest(key.ModelId, bytes, registration.DeviceClass, NoLabels, excluded, loads), records);
            var chosen = decision.HasCandidates ? decision.Candidates[0]
                : decision.ModelTooLarge ? null
                : LastResort(records, excluded, registration.DeviceClass);
            if (chosen is null)
            {
                LogNoSilo(logger, keyText, bytes, decision.FailureReason ?? "");
                throw new ModelCopyException(decision.ModelTooLarge ? CopyFailure.ModelTooLarge : CopyFailure.NoEligibleSilo,
                    $"cannot place copy {keyText}: {decision.FailureReason}");
            }

            var address = addresses[chosen.SiloId];
            _reservations.Add(new PlacementReservation(address, chosen.Device, key.ModelId, keyText, bytes, now + options.Value.ReservationTimeout));
            LogPlaced(logger, keyText, bytes, address, chosen.Device, chosen.RequiresEviction);
            return address;
        }

        SiloRecord ToRecord(string id, SiloCapacity published) => new()
        {
            SiloId = id,
            Epoch = published.Silo.Generation,
            Address = id,
            State = published.Draining ? SiloState.Draining : SiloState.Active,
            Devices = [.. published.Devices.Select(d => new DeviceCapacity(
                d.Name, d.CapacityBytes, d.UsedBytes + _reservations.BytesOn(published.Silo, d.Name), d.EvictableBytes))],
            OldestLruAt = published.OldestLruAt,
            InFlight = published.InFlight,
            LoadedCount = published.CopyCount,
            LoadSlots = published.LoadSlots,
        };
    }

    /// <summary>Request context key: silos (parsable addresses, comma-separated) the caller saw fail this model; never chosen.</summary>
    public const string AvoidKey = "mm-avoid";

    /// <summary>
    /// Request context key: the caller has waited for room long enough; a copy refused for room may evict copies used
    /// within the churn guard (never ones in use or loading) to admit itself (<see cref="Cache.SiloCopyCache.Admit"/>).
    /// </summary>
    public const string LastResortKey = "mm-last-resort";

    private static HashSet<string> AvoidedSilos(IDictionary<string, object>? context) =>
        context is not null && context.TryGetValue(AvoidKey, out var value) && value is string text
            ? new HashSet<string>(text.Split(',', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal)
            : [];

    /// <summary>True when the silo's copy is admitted there (this silo: its cache now; another: its last publication).</summary>
    private bool Publishes(SiloAddress silo, string copyKey, SiloAddress localSilo)
    {
        if (silo.Equals(localSilo))
        {
            return cache.HoldsCopy(copyKey);
        }

        if (!ModelCopyKey.TryParse(copyKey, out var key))
        {
            return false;
        }

        foreach (var (holder, copy) in board.CopiesOf(key.ModelId))
        {
            if (copy.Key == copyKey && copy.State != CopyStateName.Failed && holder.Silo.Equals(silo))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>This silo's own state is read fresh from its cache; the others' from their last publication.</summary>
    private SiloCapacity? View(SiloAddress silo, SiloCapacity local) =>
        silo.Equals(local.Silo) ? local : board.TryGet(silo, out var published) ? published : null;

    /// <summary>
    /// When the (up to a second old) publications say no eligible silo can make room, the silo that could free the most
    /// still gets the copy: its own admission decides with exact numbers, and refuses with a typed, retryable error if it
    /// really is full. Null when no silo is eligible at all (every one draining or holding a copy of the model).
    /// </summary>
    private static PlacementCandidate? LastResort(List<SiloRecord> records, HashSet<string> excluded, string deviceClass)
    {
        PlacementCandidate? best = null;
        var bestReachable = long.MinValue;
        foreach (var record in records)
        {
            if (record.State == SiloState.Draining || excluded.Contains(record.SiloId))
            {
                continue;
            }

            foreach (var device in record.Devices)
            {
                var reachable = Math.Min(device.CapacityBytes, device.FreeBytes + Math.Max(0, device.EvictableBytes));
                if (string.Equals(device.DeviceClass, deviceClass, StringComparison.OrdinalIgnoreCase) && reachable > bestReachable)
                {
                    best = new PlacementCandidate(record.SiloId, device.Name, RequiresEviction: true);
                    bestReachable = reachable;
                }
            }
        }

        return best;
    }

    [LoggerMessage(EventId = 4020, Level = LogLevel.Debug, Message = "Placed copy {CopyKey} ({SizeBytes} bytes) on {Silo} {Device} (evicts: {RequiresEviction})")]
    private static partial void LogPlaced(ILogger logger, string copyKey, long sizeBytes, SiloAddress silo, string device, bool requiresEviction);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Warning, Message = "No silo for copy {CopyKey} ({SizeBytes} bytes): {Reason}")]
    private static partial void LogNoSilo(ILogger logger, string copyKey, long sizeBytes, string reason);
}
