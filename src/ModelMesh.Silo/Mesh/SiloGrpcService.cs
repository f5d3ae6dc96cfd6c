using ModelMesh.Contracts.Silo;
using ModelMesh.Grpc;
using ModelMesh.Registry;
using ModelMesh.Serving;
using ModelMesh.Serving.Grpc;
using ModelMesh.Serving.Statistics;
using ModelMesh.Serving.Tracing;

namespace ModelMesh.Silo.Mesh;

/// <summary>
/// The silo's gRPC surface: V2 inference (ModelInfer honours the front door's <c>mm-model-id</c> and
/// <c>mm-load-if-absent</c> headers) and the internal <c>modelmesh.silo.v1.Silo</c> service (loads, unloads, status and
/// the statistics front doors sum).
/// </summary>
public sealed class SiloGrpcService(
    SiloInferenceServer server, SiloModelCache cache, CopyPublisher publisher, IMeshRegistry registry, SiloIdentity identity, SiloRuntimeState state,
    InferenceStatistics statistics, TimeProvider time)
{
    /// <summary>How long a waited load's answer may wait for the registry to record the loaded copy.</summary>
    private static readonly TimeSpan PublishWait = TimeSpan.FromSeconds(2);

    public void Register(GrpcMethodRegistry methods)
    {
        new InferenceGrpcService(server).Register(methods, includeModelInfer: false);
        methods.AddUnary(InferenceServiceMethods.ModelInfer, async (request, context) =>
        {
            using var activity = ModelMeshActivitySources.StartServer(ModelMeshActivitySources.Silo, "ModelInfer",
                context.RequestHeaders.GetValue("traceparent"), context.RequestHeaders.GetValue("tracestate"));
            try
            {
                var response = await InferenceGrpcService.Guard(() =>
                {
                    var modelId = context.RequestHeaders.GetValue(SiloServiceMethods.ModelIdHeader) ?? request.ModelName;
                    var load = context.RequestHeaders.GetValue(SiloServiceMethods.LoadIfAbsentHeader);
            var loadIfAbsent = load is "1" or SiloServiceMethods.LoadEvictingRecent;
            var evictRecent = load == SiloServiceMethods.LoadEvictingRecent;
                    if (modelId.Length == 0)
                    {
                        throw ServingException.InvalidArgument("model name is empty");
                    }

                    activity?.SetTag("modelmesh.model_id", modelId);
                    activity?.SetTag("modelmesh.silo_id", identity.SiloId);
                    return server.InferAsync(request, modelId, loadIfAbsent, evictRecent, context.CancellationToken).AsTask();
                });
                activity?.SetTag("rpc.grpc.status_code", (int)StatusCode.OK);
                return response;
            }
            catch (RpcException e) when (activity is not null)
            {
                activity.SetTag("rpc.grpc.status_code", (int)e.StatusCode);
                activity.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Status.Detail);
                throw;
            }
        });
        methods.AddUnary(SiloServiceMethods.LoadModel, (request, context) => InferenceGrpcService.Guard(() => LoadAsync(request, context.CancellationToken)));
        methods.AddUnary(SiloServiceMethods.UnloadModel, (request, _) =>
            Task.FromResult(new UnloadModelResponse { Unloaded = cache.Unload(request.ModelId) }));
        methods.AddUnary(SiloServiceMethods.GetStatus, (_, _) => Task.FromResult(Status()));
        methods.AddUnary(SiloServiceMethods.GetStatistics, (request, _) =>
            Task.FromResult(new GetSiloStatisticsResponse { ModelStats = { statistics.Counted(request.ModelIds) } }));
    }

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
