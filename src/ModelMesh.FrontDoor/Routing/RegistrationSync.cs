using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelMesh.Registry;

namespace ModelMesh.FrontDoor.Routing;

/// <summary>
/// Follows the registry's change stream into the <see cref="RegistrationView"/> (events are hints, state is truth: each
/// event re-reads the registration it names). On a gap, a trimmed position, a reconnect or any registry error it marks
/// the view degraded and resyncs from a full snapshot, with backoff, while the process keeps serving its last view.
/// </summary>
public sealed partial class RegistrationSync(
    IMeshRegistry registry, RegistrationView view, IOptions<FrontDoorOptions> options, TimeProvider time, ILogger<RegistrationSync> logger)
    : BackgroundService
{
    /// <summary>Reads a first snapshot; the role calls this before taking traffic.</summary>
    public async Task<string> SyncOnceAsync(CancellationToken cancellationToken)
    {
        var snapshot = await registry.GetSnapshotAsync(cancellationToken);
        view.Apply(snapshot);
        view.Degraded = false;
        return snapshot.StreamPosition;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
                view.Degraded = true;
                position = null;
                LogResync(logger, e.Message);
                await Task.Delay(options.Value.ResyncBackoff, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task ApplyAsync(RegistryEvent change, CancellationToken cancellationToken)
    {
        switch (change.Kind)
        {
            case RegistryEventKind.ModelRegistered:
            case RegistryEventKind.ModelUnregistered:
                view.SetModel(change.Key, await registry.GetModelAsync(change.Key, cancellationToken));
                break;
            case RegistryEventKind.VModelChanged:
            case RegistryEventKind.VModelDeleted:
                view.SetVModel(change.Key, await registry.GetVModelAsync(change.Key, cancellationToken));
                break;
            default:
                break;
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Registry view interrupted ({Reason}); serving from the last view and resyncing")]
    private static partial void LogResync(ILogger logger, string reason);
}
