using ModelMesh.Registry;

namespace ModelMesh.Placement.Tests.Simulation;

/// <summary>
/// A simulated front door: routes to a loaded copy (fewest in flight), waits on a loading one,
/// or places a new copy with <see cref="PlacementStrategy"/> over the silo records it refreshed at the start
/// of the step, trying candidates in order. Silos that fail to answer become suspects for their epoch.
/// Adds copies of hot models with <see cref="ScaleUpPolicy"/>.
/// </summary>
internal sealed class SimFrontDoor(PlacementStrategy placement, ScaleUpPolicy scaleUp, SimRegistry registry, IReadOnlyDictionary<string, SimSilo> silos, Func<SimModel, TimeSpan> loadTime)
{
    private static readonly PlacementDecision AllRefused = new([], "every candidate refused", ModelTooLarge: false);

    private readonly HashSet<(string SiloId, long Epoch)> _suspects = [];
    private readonly Dictionary<string, DateTimeOffset> _lastScaleUp = new(StringComparer.Ordinal);
    private List<SiloRecord> _view = [];
    private Dictionary<string, SiloRecord> _viewById = new(StringComparer.Ordinal);

    public IReadOnlyList<SiloRecord> View => _view;

    public int ScaleUps { get; private set; }

    public int Refusals { get; private set; }

    public void Refresh()
    {
        _view = registry.Members.Values.Select(l => l.Record).ToList();
        _viewById = _view.ToDictionary(s => s.SiloId, StringComparer.Ordinal);
    }

    public RouteOutcome Route(string modelId, DateTimeOffset now, TimeSpan duration)
    {
        if (!registry.Models.TryGetValue(modelId, out var model))
        {
            return RouteOutcome.NotFound;
        }

        var copies = registry.LiveCopies(modelId);
        while (LeastBusyLoadedCopy(copies) is { } copy)
        {
            if (silos[copy.SiloId].Serve(modelId, copy.Epoch, now, duration))
            {
                MaybeScaleUp(model, copies, now);
                return RouteOutcome.Served;
            }

            _suspects.Add((copy.SiloId, copy.Epoch));
        }

        foreach (var copy in copies.Where(c => c.State == SimCopyState.Loading))
        {
            if (!IsSuspect(copy.SiloId, copy.Epoch))
            {
                if (silos[copy.SiloId].IsReachable(copy.Epoch))
                {
                    return RouteOutcome.WaitingForLoad;
                }

                _suspects.Add((copy.SiloId, copy.Epoch));
            }
        }

        var decision = PlaceCopy(model, copies, now);
        return decision switch
        {
            { ModelTooLarge: true } => RouteOutcome.TooLarge,
            null => RouteOutcome.WaitingForLoad,
            _ => RouteOutcome.Unavailable,
        };
    }

    /// <summary>Places and starts one new copy; null when one started, else the decision that failed.</summary>
    private PlacementDecision? PlaceCopy(SimModel model, List<SimCopyRecord> copies, DateTimeOffset now)
    {
        var excluded = new HashSet<string>(copies.Select(c => c.SiloId), StringComparer.Ordinal);
        excluded.UnionWith(_view.Where(s => IsSuspect(s.SiloId, s.Epoch)).Select(s => s.SiloId));
        var decision = placement.Place(new PlacementRequest(model.Id, model.SizeBytes, model.DeviceClass, model.RequiredLabels, excluded), _view);
        foreach (var candidate in decision.Candidates)
        {
            var epoch = _viewById[candidate.SiloId].Epoch;
            switch (silos[candidate.SiloId].TryLoad(model, candidate.Device, epoch, now, loadTime(model)))
            {
                case LoadOutcome.Started:
                    return null;
                case LoadOutcome.ConnectionFailed:
                    _suspects.Add((candidate.SiloId, epoch));
                    break;
                case LoadOutcome.AlreadyHeld:
                    throw new SimulationInvariantException($"placement chose {candidate.SiloId}, which already holds {model.Id}");
                default:
                    Refusals++;
                    break;
            }
        }

        return decision.HasCandidates ? AllRefused : decision;
    }

    /// <summary>
    /// The loaded copy with the fewest requests in flight, suspects skipped. A front door counts
    /// the requests it has outstanding per copy; the silo's ledger stands in for that count here.
    /// </summary>
    private SimCopyRecord? LeastBusyLoadedCopy(List<SimCopyRecord> copies)
    {
        SimCopyRecord? best = null;
        var bestInFlight = int.MaxValue;
        foreach (var copy in copies)
        {
            var inFlight = silos[copy.SiloId].Copies.TryGetValue(copy.ModelId, out var held) ? held.InFlight : 0;
            if (copy.State == SimCopyState.Loaded && !IsSuspect(copy.SiloId, copy.Epoch) && inFlight < bestInFlight)
            {
                best = copy;
                bestInFlight = inFlight;
            }
        }

        return best;
    }

    private void MaybeScaleUp(SimModel model, List<SimCopyRecord> copies, DateTimeOffset now)
    {
        var inFlight = copies.Sum(c => silos[c.SiloId].Copies.TryGetValue(model.Id, out var copy) ? copy.InFlight : 0);
        var load = new ModelLoadSnapshot(
            copies.Count(c => c.State == SimCopyState.Loaded),
            inFlight,
            RequestsPerMinute: 0,
            LiveSilos: _view.Count,
            _lastScaleUp.TryGetValue(model.Id, out var last) ? last : null,
            copies.Count(c => c.State == SimCopyState.Loading));
        if (scaleUp.ShouldAddCopy(load, now) && PlaceCopy(model, copies, now) is null)
        {
            _lastScaleUp[model.Id] = now;
            ScaleUps++;
        }
    }

    private bool IsSuspect(string siloId, long epoch) => _suspects.Contains((siloId, epoch));

}
