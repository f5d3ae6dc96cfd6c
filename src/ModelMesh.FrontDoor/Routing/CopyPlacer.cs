using Microsoft.Extensions.Options;
using Grpc.Core;
using ModelMesh.Placement;
using ModelMesh.Registry;
using ModelMesh.Serving;
using ModelMesh.Serving.Tracing;

namespace ModelMesh.FrontDoor.Routing;

/// <summary>
/// Decides where a new copy goes and makes front doors agree on it (invariant 4): a live load claim is
/// joined; otherwise placement ranks the silos and the best one is claimed atomically in the registry, so a
/// thousand concurrent first requests through many front doors converge on one silo and one load. While the
/// registry is unreachable it places without a claim (the silo's single-flight still bounds loads per silo).
/// </summary>
/// A placement of a new (non-spare) copy counts in <see cref="LoadsInProgress"/> from the moment it is decided,
/// so concurrent placements on this front door already see it.
public sealed class CopyPlacer(
    RoutingTable table, IMeshRegistry registry, PlacementStrategy placement, LoadsInProgress loads, IOptions<FrontDoorOptions> options, TimeProvider time)
{
    private readonly FrontDoorOptions _options = options.Value;
    private readonly Lock _placing = new();

    /// <param name="refusedFull">
    /// Silos that refused this request's load because they are full of recently used copies (ABORTED without
    /// last-resort eviction). When no silo can take the model otherwise, the last resort may choose one of them
    /// again, this time allowed to evict inside its churn guard.
    /// </param>
    public async Task<PlacedCopy> PlaceAsync(
        ModelRecord model, IReadOnlySet<string> excluded, bool spare, CancellationToken cancellationToken, IReadOnlySet<string>? refusedFull = null)
    {
        using var activity = ModelMeshActivitySources.FrontDoor.StartActivity("placement");
        activity?.SetTag("modelmesh.model_id", model.ModelId);
        activity?.SetTag("modelmesh.spare", spare);
        var placed = await PlaceCoreAsync(model, excluded, spare, refusedFull, cancellationToken);
        activity?.SetTag("modelmesh.silo_id", placed.Silo.SiloId);
        activity?.SetTag("modelmesh.last_resort", placed.LastResort);
        return placed;
    }

    private async Task<PlacedCopy> PlaceCoreAsync(
        ModelRecord model, IReadOnlySet<string> excluded, bool spare, IReadOnlySet<string>? refusedFull, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!spare)
        {
            var claim = await TryGetClaimAsync(model.ModelId, cancellationToken);
            if (claim is not null && claim.ExpiresAt > now && table.Silos.TryGetValue(claim.SiloId, out var claimed)
                && claimed.Epoch == claim.Epoch && !excluded.Contains(claim.SiloId) && !table.IsSuspect(claim.SiloId, now))
            {
                return new PlacedCopy(claimed, LastResort: false, Tracked: false);
            }
        }

        // Ranking and counting the new load are one step: concurrent placements on this front door each see the
        // loads the others just placed (else a burst would rank on the same counts and pile onto one silo).
        SiloRecord best;
        bool lastResort;
        lock (_placing)
        {
            (best, lastResort) = Choose(model, excluded, refusedFull, now);
            if (!spare)
            {
                loads.Begin(best.SiloId, model.ModelId);
            }
        }

        if (spare)
        {
            // A spare load is started without waiting; the silo's loading copy record shows it from then on.
            return new PlacedCopy(best, lastResort, Tracked: false);
        }

        try
        {
            var winner = await registry.ClaimLoadAsync(model.ModelId, best.SiloId, best.Epoch, _options.LoadClaimTtl, cancellationToken);
            if (winner.SiloId == best.SiloId
                || !table.Silos.TryGetValue(winner.SiloId, out var silo) || silo.Epoch != winner.Epoch || excluded.Contains(winner.SiloId))
            {
                return new PlacedCopy(best, lastResort, Tracked: true);
            }

            // Another front door claimed this load first: join it (its load, not ours).
            loads.End(best.SiloId, model.ModelId);
            return new PlacedCopy(silo, LastResort: false, Tracked: false);
        }
        catch (RegistryUnavailableException)
        {
            return new PlacedCopy(best, lastResort, Tracked: true);
        }
        catch
        {
            loads.End(best.SiloId, model.ModelId);
            throw;
        }
    }

    /// <summary>The best silo for a new copy, and whether it is only a last resort.</summary>
    private (SiloRecord Silo, bool LastResort) Choose(ModelRecord model, IReadOnlySet<string> excluded, IReadOnlySet<string>? refusedFull, DateTimeOffset now)
    {
        var avoid = new HashSet<string>(excluded, StringComparer.Ordinal);
        var route = table.Route(model.ModelId);
        foreach (var copy in route.Copies)
        {
            avoid.Add(copy.SiloId);
        }

        foreach (var (silo, at) in route.FailedOn)
        {
            if (now - at < TimeSpan.FromMinutes(15))
            {
                avoid.Add(silo);
            }
        }

        HashSet<string>? full = null;
        foreach (var silo in table.Silos.Keys)
        {
            if (table.IsSuspect(silo, now))
            {
                avoid.Add(silo);
            }
            else if (!excluded.Contains(silo) && table.IsFull(silo) && avoid.Add(silo))
            {
                // Refused a plain load for want of room since its last published numbers: last resort only (a silo
                // this request already tried stays under the request's own rules: refusedFull).
                (full ??= new HashSet<string>(StringComparer.Ordinal)).Add(silo);
            }
        }

        if (full is not null && refusedFull is not null)
        {
            full.UnionWith(refusedFull);
        }

        var size = model.SizeHintBytes > 0 ? model.SizeHintBytes : _options.DefaultModelSizeBytes;
        var silos = table.Silos; // one view: the sync loop may swap the table's silos meanwhile
        var decision = placement.Place(
            new PlacementRequest(model.ModelId, size, model.DeviceClass, model.RequiredLabels, avoid, loads.BySilo()), [.. silos.Values]);
        if (decision.HasCandidates)
        {
            return (silos[decision.Candidates[0].SiloId], false);
        }

        if (!decision.ModelTooLarge && LastResort(model, size, avoid, full ?? refusedFull) is { } fallback)
        {
            // Every silo is full of copies inside their churn guard: the silo may still evict one of those
            // (it never evicts in-flight copies) rather than fail the request.
            return (fallback, true);
        }

        throw new ServingException(decision.ModelTooLarge ? StatusCode.ResourceExhausted : StatusCode.Unavailable,
            decision.FailureReason ?? $"no silo can load model '{model.ModelId}' now");
    }

    /// <summary>
    /// An eligible active silo whose device could hold the model at all, least busy first. A silo that refused
    /// this request only for want of room without guarded eviction (<paramref name="refusedFull"/>) is eligible.
    /// </summary>
    private SiloRecord? LastResort(ModelRecord model, long size, HashSet<string> avoid, IReadOnlySet<string>? refusedFull)
    {
        SiloRecord? best = null;
        foreach (var silo in table.Silos.Values)
        {
            if ((avoid.Contains(silo.SiloId) && refusedFull?.Contains(silo.SiloId) != true) || silo.State != SiloState.Active || !HasLabels(silo, model)
                || !silo.Devices.Any(d => d.DeviceClass == model.DeviceClass && d.CapacityBytes >= size))
            {
                continue;
            }

            if (best is null || silo.InFlight < best.InFlight)
            {
                best = silo;
            }
        }

        return best;
    }

    private static bool HasLabels(SiloRecord silo, ModelRecord model) =>
        model.RequiredLabels.All(l => silo.Labels.TryGetValue(l.Key, out var v) && v == l.Value);

    private async Task<LoadClaim?> TryGetClaimAsync(string modelId, CancellationToken cancellationToken)
    {
        try
        {
            return await registry.GetLoadClaimAsync(modelId, cancellationToken);
        }
        catch (RegistryUnavailableException)
        {
            return null;
        }
    }
}
