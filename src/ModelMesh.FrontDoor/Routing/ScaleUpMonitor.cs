using Microsoft.Extensions.Logging;
using ModelMesh.Contracts.Silo;
using Grpc.Core;
using SiloClient = ModelMesh.Contracts.Silo.Silo.SiloClient;
using ModelMesh.Placement;
using ModelMesh.Registry;
using ModelMesh.Serving;
using ModelMesh.Serving.Grpc;

namespace ModelMesh.FrontDoor.Routing;

/// <summary>
/// Adds a copy of a model whose in-flight requests per copy or request rate per copy passes the threshold
/// (<see cref="ScaleUpPolicy"/>: cooldown, never more copies than silos). The new copy is a spare: the
/// first victim when its silo needs room. Placement excludes silos that already hold the model.
/// </summary>
public sealed partial class ScaleUpMonitor(
    RoutingTable table, ScaleUpPolicy policy, CopyPlacer placer, GrpcChannelPool channels, TimeProvider time, ILogger<ScaleUpMonitor> logger)
{
    public void Observe(ModelRecord model, ModelRoute route)
    {
        var now = time.GetUtcNow();
        int loaded = 0, loading = 0, inFlight = 0;
        foreach (var copy in route.Copies)
        {
            if (table.LiveSilo(copy) is null)
            {
                continue;
            }

            if (copy.State == CopyState.Loaded)
            {
                loaded++;
            }
            else if (copy.State == CopyState.Loading)
            {
                loading++;
            }
        }

        foreach (var stats in route.Stats.Values)
        {
            inFlight += stats.InFlight;
        }

        ModelLoadSnapshot snapshot;
        lock (route)
        {
            // Check and claim the cooldown together, so concurrent requests add one copy, not several.
            snapshot = new ModelLoadSnapshot(loaded, inFlight, route.Rate.PerMinute(now), table.Silos.Count,
                route.LastScaleUp == DateTimeOffset.MinValue ? null : route.LastScaleUp, loading);
            if (loaded == 0 || !policy.ShouldAddCopy(snapshot, now))
            {
                return;
            }

            route.LastScaleUp = now;
        }

        _ = AddCopyAsync(model, snapshot);
    }

    private async Task AddCopyAsync(ModelRecord model, ModelLoadSnapshot snapshot)
    {
        try
        {
            var silo = (await placer.PlaceAsync(model, new HashSet<string>(StringComparer.Ordinal), spare: true, CancellationToken.None)).Silo;
            LogScaleUp(logger, model.ModelId, silo.SiloId, snapshot.LoadedCopies, snapshot.InFlight, snapshot.RequestsPerMinute);
            await new SiloClient(channels.Get(silo.Address)).LoadModelAsync(
                new LoadModelRequest { ModelId = model.ModelId, Spare = true, Wait = false });
        }
        catch (Exception e) when (e is RpcException or ServingException or RegistryUnavailableException)
        {
            LogScaleUpFailed(logger, model.ModelId, e.Message);
        }
    }

    [LoggerMessage(EventId = 420, Level = LogLevel.Information, Message = "Adding a copy of {Model} on {Silo} ({Copies} copies, {InFlight} in flight, {Rate:0} req/min)")]
    private static partial void LogScaleUp(ILogger logger, string model, string silo, int copies, int inFlight, double rate);

    [LoggerMessage(EventId = 421, Level = LogLevel.Warning, Message = "Could not add a copy of {Model}: {Error}")]
    private static partial void LogScaleUpFailed(ILogger logger, string model, string error);
}
