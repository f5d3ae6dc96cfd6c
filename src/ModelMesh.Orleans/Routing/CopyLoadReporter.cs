using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelMesh.Orleans.Board;
using ModelMesh.Orleans.Copies;
using ModelMesh.Placement;

namespace ModelMesh.Orleans.Routing;

/// <summary>
/// The router's background half: every <see cref="CopyRoutingOptions.ReportInterval"/> it sends each model used within
/// the spare age its load since the last report (one call per model, never per request; an idle model every tenth
/// round) and applies the copy set the model's <see cref="IModelCopiesGrain"/> answers; a model unused for longer is forgotten. Runs while the silo is active.
/// A model this router knows with one copy reports only when its load here, were every cluster member to see as much,
/// would reach half a scale-up threshold (<see cref="PlacementOptions"/>), or when it used another copy (a fail-over
/// the set must adopt): the many quiet models of a dense mesh then never activate a copy-count grain (its memory and
/// its directory entry), and a cold load does not race one. A router of a model already scaled elsewhere learns the
/// set once its own load is worth reporting; until then copy 0 serves it.
/// </summary>
public sealed partial class CopyLoadReporter(
    ModelCopyRouter router, IGrainFactory grains, ILocalSiloDetails silo, CapacityBoard board, IOptions<CopyRoutingOptions> options,
    IOptions<PlacementOptions> placement, TimeProvider time, ILogger<CopyLoadReporter> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>A model with no request since the last round reports (and refreshes its copy set) only every this many rounds.</summary>
    private const int IdleReportEvery = 10;
    private readonly CopyRoutingOptions _options = options.Value;
    private readonly PlacementOptions _thresholds = placement.Value;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(CopyLoadReporter), ServiceLifecycleStage.Active, Start, Stop);
    }

    /// <summary>One round of reports (the loop's body; tests may call it to converge without waiting for the timer).</summary>
    public async Task ReportOnceAsync()
    {
        var now = time.GetUtcNow();
        var reporter = silo.SiloAddress.ToParsableString();
        var reports = new List<Task>();
        var members = Math.Max(1, board.Snapshot().Count);
        foreach (var route in router.Routes)
        {
            if (now - route.LastUsed >= _options.SpareIdleAge)
            {
                router.Forget(route);
                continue;
            }

            var report = route.TakeReport(reporter);
            if (WorthReporting(route, report, members))
            {
                reports.Add(ReportAsync(route, report));
            }
        }

        await Task.WhenAll(reports);
    }

    private bool WorthReporting(CopyRoute route, CopyLoadReport report, int members)
    {
        if (route.Copies.Count > 1 || report.RequestsByCopy.Keys.Any(copy => copy != 0))
        {
            return report.RequestsByCopy.Count > 0 || report.InFlight > 0 || route.IdleRound() % IdleReportEvery == 0;
        }

        long requests = 0;
        foreach (var count in report.RequestsByCopy.Values)
        {
            requests += count;
        }

        var perMinute = requests * (TimeSpan.FromMinutes(1) / _options.ReportInterval);
        return perMinute * members >= _thresholds.RequestsPerMinutePerCopyThreshold / 2
            || report.InFlight * members >= _thresholds.InFlightPerCopyThreshold / 2.0;
    }

    private async Task ReportAsync(CopyRoute route, CopyLoadReport report)
    {
        try
        {
            var set = await grains.GetGrain<IModelCopiesGrain>(route.ModelId).ReportAsync(report).WaitAsync(5 * _options.ReportInterval, time);
            route.Apply(set);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Keep routing on the last copy set; the next round tries again (the grain's silo may have died).
            LogReportFailed(logger, route.ModelId, e.Message);
        }
    }

    private Task Start(CancellationToken cancellationToken)
    {
        _loop = Task.Run(LoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(_options.ReportInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                await ReportOnceAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // the silo is stopping
        }
    }

    [LoggerMessage(EventId = 4073, Level = LogLevel.Debug, Message = "Load report for {Model} failed: {Error}")]
    private static partial void LogReportFailed(ILogger logger, string model, string error);
}
