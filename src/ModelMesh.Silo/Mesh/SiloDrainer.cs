using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelMesh.Contracts.Silo;
using Grpc.Core;
using SiloClient = ModelMesh.Contracts.Silo.Silo.SiloClient;
using ModelMesh.Placement;
using ModelMesh.Registry;
using ModelMesh.Serving.Grpc;

namespace ModelMesh.Silo.Mesh;

/// <summary>
/// Graceful leave on SIGTERM (in StoppingAsync, before the server stops listening): mark draining (front doors stop placing
/// here and prefer other copies), get copies of recently used models loaded on other silos, keep serving until
/// they are loaded or the drain timeout passes, let in-flight requests finish, then remove the lease and its
/// copies from the registry. A front door that still routes here after that gets a refused connection and
/// retries elsewhere, so no client request fails because a silo drained.
/// </summary>
public sealed partial class SiloDrainer(
    SiloRuntimeState state, SiloModelCache cache, SiloMembership membership, IMeshRegistry registry, SiloIdentity identity,
    GrpcChannelPool channels, IOptions<SiloOptions> options, TimeProvider time, ILogger<SiloDrainer> logger) : IHostedLifecycleService
{
    private readonly SiloOptions _options = options.Value;
    private readonly PlacementStrategy _placement = new(new PlacementOptions());

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs before any hosted service (Kestrel included) stops, so the silo still serves while it drains.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (state.SkipDrain)
        {
            return;
        }

        var deadline = time.GetUtcNow() + _options.DrainTimeout;
        state.StartDraining();
        LogDraining(logger, identity.SiloId);
        try
        {
            await registry.PutSiloAsync(membership.CurrentRecord(), _options.LeaseDuration, cancellationToken);
            var handedOff = await HandOffRecentModelsAsync(deadline, cancellationToken);
            while (state.InFlight > 0 && time.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
            }

            state.HasLeft = true;
            await registry.RemoveSiloAsync(identity.SiloId, identity.Epoch, cancellationToken);
            LogDrained(logger, identity.SiloId, handedOff);

            // Front doors re-list silos every second; keep answering stragglers until they have.
            await Task.Delay(TimeSpan.FromSeconds(1.5), time, cancellationToken);
        }
        catch (Exception e) when (e is RegistryUnavailableException or OperationCanceledException or TimeoutException)
        {
            LogDrainIncomplete(logger, e.Message);
        }
    }

    private async Task<int> HandOffRecentModelsAsync(DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var recent = cache.Copies().Where(c => c.State == CopyState.Loaded && now - c.LastUsed < _options.DrainRecentUseWindow).ToList();
        if (recent.Count == 0)
        {
            return 0;
        }

        var others = (await registry.ListSilosAsync(cancellationToken))
            .Where(s => s.SiloId != identity.SiloId && s.State == SiloState.Active).ToList();
        var pending = new List<string>();
        foreach (var copy in recent)
        {
            if (await HasCopyElsewhereAsync(copy.ModelId, cancellationToken))
            {
                continue;
            }

            var decision = _placement.Place(new PlacementRequest(copy.ModelId, copy.SizeBytes, copy.Model.DeviceClass, copy.Model.RequiredLabels, []), others);
            if (!decision.HasCandidates)
            {
                continue;
            }

            var target = others.First(s => s.SiloId == decision.Candidates[0].SiloId);
            try
            {
                await new SiloClient(channels.Get(target.Address)).LoadModelAsync(
                    new LoadModelRequest { ModelId = copy.ModelId, Wait = false }, new CallOptions(deadline: deadline.UtcDateTime, cancellationToken: cancellationToken));
                pending.Add(copy.ModelId);
            }
            catch (RpcException e)
            {
                LogHandOffFailed(logger, copy.ModelId, target.SiloId, e.Status.Detail);
            }
        }

        while (pending.Count > 0 && time.GetUtcNow() < deadline)
        {
            for (var i = pending.Count - 1; i >= 0; i--)
            {
                if (await HasCopyElsewhereAsync(pending[i], cancellationToken))
                {
                    pending.RemoveAt(i);
                }
            }

            if (pending.Count > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
            }
        }

        return recent.Count - pending.Count;
    }

    private async Task<bool> HasCopyElsewhereAsync(string modelId, CancellationToken cancellationToken)
    {
        var silos = (await registry.ListSilosAsync(cancellationToken)).ToDictionary(s => s.SiloId);
        foreach (var copy in await registry.GetCopiesAsync(modelId, cancellationToken))
        {
            if (copy.SiloId != identity.SiloId && copy.State == CopyState.Loaded
                && silos.TryGetValue(copy.SiloId, out var silo) && silo.Epoch == copy.Epoch)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Silo {Silo} draining")]
    private static partial void LogDraining(ILogger logger, string silo);

    [LoggerMessage(EventId = 321, Level = LogLevel.Information, Message = "Silo {Silo} drained; {HandedOff} recently used models have copies elsewhere")]
    private static partial void LogDrained(ILogger logger, string silo, int handedOff);

    [LoggerMessage(EventId = 322, Level = LogLevel.Warning, Message = "Could not hand {Model} to {Target}: {Error}")]
    private static partial void LogHandOffFailed(ILogger logger, string model, string target, string error);

    [LoggerMessage(EventId = 323, Level = LogLevel.Warning, Message = "Drain ended early: {Error}")]
    private static partial void LogDrainIncomplete(ILogger logger, string error);
}
