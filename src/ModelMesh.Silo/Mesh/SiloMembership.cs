using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelMesh.Registry;

namespace ModelMesh.Silo.Mesh;

/// <summary>
/// Keeps this silo in the registry (invariant 3): writes its lease record every heartbeat; when the registry
/// says the lease was created anew (it expired, or Redis lost it) the silo republishes exactly the copies it
/// holds. Also unloads copies of models that are no longer registered (invariant 6 after the front door's
/// own unloads) and, while draining, publishes the draining state so front doors stop placing here.
/// A registry outage only delays heartbeats: the silo keeps serving what it holds.
/// </summary>
public sealed partial class SiloMembership(
    IMeshRegistry registry, SiloModelCache cache, CopyPublisher publisher, SiloIdentity identity, SiloRuntimeState state,
    IOptions<SiloOptions> options, TimeProvider time, ILogger<SiloMembership> logger) : BackgroundService
{
    private readonly SiloOptions _options = options.Value;
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();
    private int _beats;

    /// <summary>Writes the lease once, before the silo takes traffic.</summary>
    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        await HeartbeatAsync(cancellationToken);
        _beats = 1;

        // Invariant 2: copy records an earlier incarnation of this silo id left behind are garbage-collected here.
        foreach (var stale in (await registry.GetSnapshotAsync(cancellationToken)).Copies)
        {
            if (stale.SiloId == identity.SiloId && stale.Epoch != identity.Epoch)
            {
                await registry.RemoveCopyAsync(stale.ModelId, stale.SiloId, stale.Epoch, cancellationToken);
            }
        }

        LogRegistered(logger, identity.SiloId, identity.Address, identity.Epoch);
    }

    public SiloRecord CurrentRecord() => new()
    {
        SiloId = identity.SiloId,
        Epoch = identity.Epoch,
        Address = identity.Address,
        State = state.IsDraining ? SiloState.Draining : SiloState.Active,
        Devices = cache.Devices(),
        Labels = new Dictionary<string, string>(_options.Labels),
        StartedAt = _startedAt,
        OldestLruAt = cache.OldestEvictable(),
        InFlight = state.InFlight,
        LoadedCount = cache.Copies().Count(c => c.State == CopyState.Loaded),
        LoadSlots = _options.MaxConcurrentLoads,
        Version = typeof(SiloMembership).Assembly.GetName().Version?.ToString() ?? "",
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, time);
        while (await TickAsync(timer, stoppingToken))
        {
            try
            {
                await HeartbeatAsync(stoppingToken);
                if (++_beats % 10 == 0)
                {
                    await UnloadUnregisteredAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is RegistryUnavailableException or TimeoutException or IOException)
            {
                LogHeartbeatFailed(logger, e.Message);
            }
        }
    }

    private static async Task<bool> TickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        if (state.HasLeft)
        {
            return;
        }

        var refreshed = await registry.PutSiloAsync(CurrentRecord(), _options.LeaseDuration, cancellationToken);
        var republish = publisher.TakeDirty();
        if (!refreshed && _beats > 0)
        {
            LogLeaseLost(logger, identity.SiloId);
            republish = true;
        }

        if (republish)
        {
            foreach (var copy in cache.Copies())
            {
                await registry.PutCopyAsync(cache.ToRecord(copy), cancellationToken);
            }
        }
    }

    private async Task UnloadUnregisteredAsync(CancellationToken cancellationToken)
    {
        foreach (var copy in cache.Copies())
        {
            if (await registry.GetModelAsync(copy.ModelId, cancellationToken) is null)
            {
                cache.Unload(copy.ModelId);
            }
        }
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Information, Message = "Silo {Silo} registered at {Address} (epoch {Epoch})")]
    private static partial void LogRegistered(ILogger logger, string silo, string address, long epoch);

    [LoggerMessage(EventId = 311, Level = LogLevel.Warning, Message = "Silo {Silo} had lost its lease; re-registered and republishing its copies")]
    private static partial void LogLeaseLost(ILogger logger, string silo);

    [LoggerMessage(EventId = 312, Level = LogLevel.Warning, Message = "Heartbeat failed: {Error}; serving on")]
    private static partial void LogHeartbeatFailed(ILogger logger, string error);
}
