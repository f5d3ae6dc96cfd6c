using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelMesh.Orleans.Board;
using ModelMesh.Orleans.Cache;
using ModelMesh.Orleans.Copies;

namespace ModelMesh.Orleans.Drain;

/// <summary>
/// Drains a model silo when it stops (SIGTERM), before Orleans deactivates its grains: the silo stops taking copies
/// and says so on the board (placement and routing skip it at once); every model used within the recent-use window gets
/// a copy loaded on another silo (a new copy number, placed by the director, which skips this silo), waited for; then
/// the requests in flight here finish; then Orleans deactivates the copies and the silo leaves membership. Bounded by
/// <see cref="SiloDrainOptions.Timeout"/>. Runs as a silo lifecycle participant stopping at the Active stage, which
/// Orleans stops before it deactivates grains.
/// </summary>
public sealed partial class SiloDrain(
    SiloCopyCache cache, CapacityBoard board, IGrainFactory grains, IOptions<SiloDrainOptions> options, TimeProvider time, ILogger<SiloDrain> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly SiloDrainOptions _options = options.Value;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloDrain), ServiceLifecycleStage.Active, _ => Task.CompletedTask, DrainAsync);

    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        if (_options.Skip || !cache.Capacity.Values.Any(c => c > 0))
        {
            return;
        }

        var started = time.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        cache.Draining = true;
        var now = time.GetUtcNow();
        var recent = cache.Copies()
            .Where(c => c.State == CopyState.Loaded && now - c.LastUsed <= _options.RecentUseWindow)
            .Select(c => c.ModelId).Distinct(StringComparer.Ordinal).ToList();
        LogDraining(logger, recent.Count);
        var handOffs = recent.Select(model => HandOffAsync(model, timeout.Token)).ToList();
        var moved = (await Task.WhenAll(handOffs)).Count(ok => ok);
        while (cache.Copies().Any(c => c.InFlight > 0) && !timeout.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, CancellationToken.None);
        }

        var took = time.GetElapsedTime(started).TotalMilliseconds;
        LogDrained(logger, moved, recent.Count, took);
    }

    /// <summary>Loads the model on another silo unless another live silo already has it loaded.</summary>
    private async Task<bool> HandOffAsync(string modelId, CancellationToken cancellationToken)
    {
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var silo in board.Snapshot())
        {
            foreach (var copy in silo.Copies)
            {
                if (copy.ModelId != modelId)
                {
                    continue;
                }

                shown.Add(copy.Key);
                if (!silo.Draining && copy.State == CopyStateName.Loaded && !cache.Copies().Any(c => c.KeyText == copy.Key))
                {
                    return true;
                }
            }
        }

        var n = 0;
        while (shown.Contains(new ModelCopyKey(modelId, n).ToString()))
        {
            n++;
        }

        var key = new ModelCopyKey(modelId, n).ToString();
        try
        {
            await grains.GetGrain<IModelCopyGrain>(key).WaitLoadedAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is ModelCopyException or OrleansException or OperationCanceledException or TimeoutException)
        {
            LogHandOffFailed(logger, modelId, e.Message);
            return false;
        }
    }

    [LoggerMessage(EventId = 4080, Level = LogLevel.Information, Message = "Draining: handing off {Models} recently used model(s) before leaving")]
    private static partial void LogDraining(ILogger logger, int models);

    [LoggerMessage(EventId = 4081, Level = LogLevel.Information, Message = "Drained: {Moved} of {Models} model(s) loaded elsewhere, in-flight requests done, in {Milliseconds} ms")]
    private static partial void LogDrained(ILogger logger, int moved, int models, double milliseconds);

    [LoggerMessage(EventId = 4082, Level = LogLevel.Warning, Message = "Drain could not load {Model} elsewhere: {Error}")]
    private static partial void LogHandOffFailed(ILogger logger, string model, string error);
}
