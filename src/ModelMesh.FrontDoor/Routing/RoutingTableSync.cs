using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelMesh.Registry;

namespace ModelMesh.FrontDoor.Routing;

/// <summary>
/// Follows the registry's change stream into the <see cref="RoutingTable"/> (invariant 7: events are hints,
/// state is truth — each event re-reads the state it names). On a gap, a trimmed position, a reconnect or any
/// registry error it marks the table degraded and resyncs from a full snapshot, with backoff, while the front
/// door keeps serving its last view. Silo leases are also re-listed every second so dead silos leave routing
/// within their lease time even without an event.
/// </summary>
public sealed partial class RoutingTableSync(
    IMeshRegistry registry, RoutingTable table, IOptions<FrontDoorOptions> options, TimeProvider time, ILogger<RoutingTableSync> logger)
    : BackgroundService
{
    /// <summary>Reads a first snapshot; the front door calls this before taking traffic.</summary>
    public async Task<string> SyncOnceAsync(CancellationToken cancellationToken)
    {
        var snapshot = await registry.GetSnapshotAsync(cancellationToken);
        table.Apply(snapshot);
        table.Degraded = false;
        return snapshot.StreamPosition;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var silosLoop = RefreshSilosAsync(stoppingToken);
        string? position = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                position ??= await SyncOnceAsync(stoppingToken);
                await foreach (var change in registry.WatchAsync(position, stoppingToken))
                {
                    await ApplyAsync(change, stoppingToken);
                    position = change.Id;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is RegistryStreamGapException or RegistryUnavailableException or TimeoutException or IOException)
            {
                table.Degraded = true;
                position = null;
                LogResync(logger, e.Message);
                await Task.Delay(options.Value.ResyncBackoff, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        await silosLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task ApplyAsync(RegistryEvent change, CancellationToken cancellationToken)
    {
        switch (change.Kind)
        {
            case RegistryEventKind.ModelRegistered:
            case RegistryEventKind.ModelUnregistered:
                table.SetModel(change.Key, await registry.GetModelAsync(change.Key, cancellationToken));
                break;
            case RegistryEventKind.VModelChanged:
            case RegistryEventKind.VModelDeleted:
                table.SetVModel(change.Key, await registry.GetVModelAsync(change.Key, cancellationToken));
                break;
            case RegistryEventKind.CopyChanged:
            case RegistryEventKind.CopyRemoved:
                table.SetCopies(change.Key, await registry.GetCopiesAsync(change.Key, cancellationToken));
                break;
            case RegistryEventKind.SiloRemoved:
                table.SetSilos(await registry.ListSilosAsync(cancellationToken));
                break;
            default:
                break; // SiloChanged (every heartbeat) is covered by the periodic re-list; claims are read on demand.
        }
    }

    private async Task RefreshSilosAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                table.SetSilos(await registry.ListSilosAsync(stoppingToken));
            }
            catch (Exception e) when (e is RegistryUnavailableException or TimeoutException or IOException)
            {
                table.Degraded = true;
            }
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Registry view interrupted ({Reason}); serving from the last view and resyncing")]
    private static partial void LogResync(ILogger logger, string reason);
}
