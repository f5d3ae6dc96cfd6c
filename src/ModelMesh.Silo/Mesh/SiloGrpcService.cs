using ModelMesh.Contracts.Silo;
using Grpc.Core;
using ModelMesh.Registry;
using ModelMesh.Serving;
using ModelMesh.Serving.Grpc;
using ModelMesh.Serving.Statistics;

namespace ModelMesh.Silo.Mesh;

/// <summary>
/// The silo's internal <c>modelmesh.silo.v1.Silo</c> service, called by front doors and draining silos (loads, unloads,
/// status and the statistics front doors sum).
/// </summary>
public sealed class SiloGrpcService(
    SiloModelCache cache, CopyPublisher publisher, IMeshRegistry registry, SiloIdentity identity, SiloRuntimeState state,
    InferenceStatistics statistics, TimeProvider time)
    : Contracts.Silo.Silo.SiloBase
{
    /// <summary>How long a waited load's answer may wait for the registry to record the loaded copy.</summary>
    private static readonly TimeSpan PublishWait = TimeSpan.FromSeconds(2);

    public override Task<LoadModelResponse> LoadModel(LoadModelRequest request, ServerCallContext context) =>
        InferenceGrpcService.Guard(() => LoadAsync(request, context.CancellationToken));

    public override Task<UnloadModelResponse> UnloadModel(UnloadModelRequest request, ServerCallContext context) =>
        Task.FromResult(new UnloadModelResponse { Unloaded = cache.Unload(request.ModelId) });

    public override Task<GetSiloStatusResponse> GetStatus(GetSiloStatusRequest request, ServerCallContext context) => Task.FromResult(Status());

    public override Task<GetSiloStatisticsResponse> GetStatistics(GetSiloStatisticsRequest request, ServerCallContext context) =>
        Task.FromResult(new GetSiloStatisticsResponse { ModelStats = { statistics.Counted(request.ModelIds) } });

    private async Task<LoadModelResponse> LoadAsync(LoadModelRequest request, CancellationToken cancellationToken)
    {
        if (state.IsDraining)
        {
            throw ServingException.Unavailable($"silo {identity.SiloId} is draining");
        }

        var model = await registry.GetModelAsync(request.ModelId, cancellationToken)
            ?? throw ServingException.NotFound($"unknown model '{request.ModelId}'");
        var copy = await cache.EnsureLoadedAsync(model, request.Spare, request.Wait, cancellationToken);
        if (request.Wait)
        {
            // A waited load answers once the registry shows the outcome too, so a caller that reads the model's
            // status right after (ensureLoaded?sync=true) sees it loaded. Bounded: a registry outage only delays it.
            using var timeout = new CancellationTokenSource(PublishWait, time);
            using var publishWait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await publisher.FlushAsync(publishWait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
        }

        return new LoadModelResponse
        {
            State = copy.State.ToString().ToLowerInvariant(),
            SizeBytes = copy.SizeBytes,
            Error = copy.Error ?? "",
            Device = copy.Device,
        };
    }

    private GetSiloStatusResponse Status()
    {
        var status = new GetSiloStatusResponse
        {
            SiloId = identity.SiloId,
            Epoch = identity.Epoch,
            State = state.IsDraining ? "draining" : "active",
        };
        foreach (var copy in cache.Copies())
        {
            status.Copies.Add(new SiloCopyStatus
            {
                ModelId = copy.ModelId,
                State = copy.State.ToString().ToLowerInvariant(),
                SizeBytes = copy.SizeBytes,
                Device = copy.Device,
                LastUsedUnixMs = copy.LastUsed.ToUnixTimeMilliseconds(),
                InFlight = copy.InFlight,
            });
        }

        foreach (var device in cache.Devices())
        {
            status.CapacityBytes += device.CapacityBytes;
            status.UsedBytes += device.UsedBytes;
        }

        return status;
    }
}
