using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelMesh.Orleans.Board;
using ModelMesh.Orleans.Routing;
using ModelMesh.Placement;

namespace ModelMesh.Orleans.Copies;

/// <summary>
/// How many copies of one model exist (key: the model id). Invariants:
/// a copy becomes routable only once loaded (a scale-up warms it with <see cref="IModelCopyGrain.WaitLoadedAsync"/>
/// first); copies never outnumber the silos that hold models (<see cref="ScaleUpPolicy"/>, which also keeps the
/// cooldown and one scale-up at a time), and a copy is added only once the local board shows every existing copy, so
/// the placement director keeps it off their silos; copy 0 always exists, and a copy above it that got no request for
/// <see cref="CopyRoutingOptions.SpareIdleAge"/> leaves the set first and is deactivated only after routers have had
/// a few report intervals to read the smaller set. A copy routers report using that is not in the set (a router's
/// fail-over after a dead silo) joins it. State is in memory: a new activation starts from copy 0 and the
/// copies routers report, so a lost grain costs at most spare copies that then age out of the silos' caches
/// (they are evicted first).
/// </summary>
[Reentrant]
public sealed partial class ModelCopiesGrain(
    CapacityBoard board, CopyControlClient control, IOptions<CopyRoutingOptions> routing, IOptions<PlacementOptions> placement,
    TimeProvider time, ILogger<ModelCopiesGrain> logger)
    : Grain, IModelCopiesGrain
{
    private readonly CopyRoutingOptions _options = routing.Value;
    private readonly ScaleUpPolicy _policy = new(placement.Value);
    private readonly SortedSet<int> _copies = [0];
    private readonly Dictionary<int, DateTimeOffset> _lastUsed = [];
    private readonly Dictionary<int, DateTimeOffset> _retiring = [];
    private readonly Dictionary<string, (int InFlight, DateTimeOffset At)> _inFlight = new(StringComparer.Ordinal);
    private readonly ReportedRate _rate = new();
    private int _warming = -1;
    private DateTimeOffset? _lastScaleUp;

    private string ModelId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lastUsed[0] = time.GetUtcNow();
        var period = TimeSpan.FromTicks(Math.Max(_options.ReportInterval.Ticks, Math.Min(_options.SpareIdleAge.Ticks / 4, TimeSpan.FromSeconds(30).Ticks)));
        this.RegisterGrainTimer(RetireSparesAsync, new GrainTimerCreationOptions(period, period) { Interleave = true });
        return Task.CompletedTask;
    }

    public Task<CopySet> ReportAsync(CopyLoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = time.GetUtcNow();
        long requests = 0;
        foreach (var (copy, count) in report.RequestsByCopy)
        {
            if (count <= 0 || copy < 0)
            {
                continue;
            }

            requests += count;
            _lastUsed[copy] = now;
            if (copy != _warming && !_retiring.ContainsKey(copy) && _copies.Add(copy))
            {
                LogAdopted(logger, ModelId, copy);
            }
        }

        _rate.Add(now, requests);
        _inFlight[report.Reporter] = (report.InFlight, now);
        ConsiderScaleUp(now);
        return Task.FromResult(Current());
    }

    public Task<CopySet> GetAsync() => Task.FromResult(Current());

    public Task ResetAsync()
    {
        _copies.Clear();
        _copies.Add(0);
        _lastUsed.Clear();
        _retiring.Clear();
        _inFlight.Clear();
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private CopySet Current() => new() { Copies = [.. _copies], Warming = _warming };

    private void ConsiderScaleUp(DateTimeOffset now)
    {
        var inFlight = 0;
        foreach (var (reporter, (count, at)) in _inFlight)
        {
            if (now - at <= 3 * _options.ReportInterval)
            {
                inFlight += count;
            }
        }

        var snapshot = new ModelLoadSnapshot(_copies.Count, inFlight, _rate.PerMinute(now), ModelSilos(), _lastScaleUp, _warming >= 0 ? 1 : 0);
        if (_policy.Evaluate(snapshot, now) != ScaleUpDecision.AddCopy || SilosShowingTheModel() < _copies.Count)
        {
            // Also wait while this silo's board (what its placement director reads, up to a second old) does not show
            // every copy yet: the director could not keep the new copy off a silo whose copy is not published.
            return;
        }

        var copy = 1;
        while (_copies.Contains(copy) || _retiring.ContainsKey(copy))
        {
            copy++;
        }

        _warming = copy;
        _lastScaleUp = now;
        LogScaleUp(logger, ModelId, copy, snapshot.LoadedCopies, snapshot.InFlight, snapshot.RequestsPerMinute, snapshot.LiveSilos);
        _ = WarmAsync(copy);
    }

    /// <summary>Loads the new copy (placed by the director on a silo without a copy of the model) before routers see it.</summary>
    private async Task WarmAsync(int copy)
    {
        try
        {
            var status = await GrainFactory.GetGrain<IModelCopyGrain>(new ModelCopyKey(ModelId, copy).ToString()).WaitLoadedAsync();
            _copies.Add(copy);
            _lastUsed[copy] = time.GetUtcNow();
            LogWarmed(logger, ModelId, copy, status.Silo);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogScaleUpFailed(logger, ModelId, copy, e.Message);
        }
        finally
        {
            _warming = -1;
        }
    }

    private int SilosShowingTheModel()
    {
        var count = 0;
        foreach (var silo in board.Snapshot())
        {
            count += silo.Models.Contains(ModelId) ? 1 : 0;
        }

        return count;
    }

    /// <summary>Silos that could hold a copy: publishing model capacity and not draining.</summary>
    private int ModelSilos()
    {
        var count = 0;
        foreach (var silo in board.Snapshot())
        {
            count += silo.HoldsModels && !silo.Draining ? 1 : 0;
        }

        return count;
    }

    private async Task RetireSparesAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (copy, since) in _retiring.ToList())
        {
            if (now - since >= 3 * _options.ReportInterval)
            {
                _retiring.Remove(copy);
                await DeactivateCopyAsync(copy);
            }
        }

        foreach (var copy in _copies.ToList())
        {
            if (copy != 0 && now - _lastUsed.GetValueOrDefault(copy, now) >= _options.SpareIdleAge)
            {
                LogRetiring(logger, ModelId, copy, _options.SpareIdleAge);
                _copies.Remove(copy);
                _lastUsed.Remove(copy);
                _retiring[copy] = now;
            }
        }
    }

    /// <summary>Deactivates the copy where the board shows it, else asks every model silo (the board may be a second behind).</summary>
    private async Task DeactivateCopyAsync(int copy)
    {
        var key = new ModelCopyKey(ModelId, copy).ToString();
        var silos = board.Snapshot();
        var holders = silos.Where(s => s.CopyKeys.Contains(key)).ToList();
        foreach (var silo in holders.Count > 0 ? holders : silos.Where(s => s.HoldsModels).ToList())
        {
            try
            {
                await control.On(silo.Silo).DeactivateAsync(ModelId, copy);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogRetireFailed(logger, key, silo.Silo, e.Message);
            }
        }
    }

    [LoggerMessage(EventId = 4050, Level = LogLevel.Information,
        Message = "Adding copy {Copy} of {Model} ({Copies} copies, {InFlight} in flight, {Rate:0} req/min, {Silos} model silos)")]
    private static partial void LogScaleUp(ILogger logger, string model, int copy, int copies, int inFlight, double rate, int silos);

    [LoggerMessage(EventId = 4051, Level = LogLevel.Information, Message = "Copy {Copy} of {Model} is loaded on {Silo}: routers may use it")]
    private static partial void LogWarmed(ILogger logger, string model, int copy, SiloAddress silo);

    [LoggerMessage(EventId = 4052, Level = LogLevel.Warning, Message = "Could not add copy {Copy} of {Model}: {Error}")]
    private static partial void LogScaleUpFailed(ILogger logger, string model, int copy, string error);

    [LoggerMessage(EventId = 4053, Level = LogLevel.Information, Message = "Retiring spare copy {Copy} of {Model}: no request for {Age}")]
    private static partial void LogRetiring(ILogger logger, string model, int copy, TimeSpan age);

    [LoggerMessage(EventId = 4054, Level = LogLevel.Information, Message = "Copy {Copy} of {Model} joins the set: a router used it (fail-over)")]
    private static partial void LogAdopted(ILogger logger, string model, int copy);

    [LoggerMessage(EventId = 4055, Level = LogLevel.Warning, Message = "Could not deactivate {CopyKey} on {Silo}: {Error}")]
    private static partial void LogRetireFailed(ILogger logger, string copyKey, SiloAddress silo, string error);
}
