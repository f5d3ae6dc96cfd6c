using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelMesh.Contracts.Inference;
using ModelMesh.Metrics;
using ModelMesh.Orleans.Copies;
using ModelMesh.Orleans.Routing;
using ModelMesh.Registry;
using ModelMesh.Serving;
using ModelMesh.Serving.Grpc;
using ModelMesh.Serving.Tracing;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace ModelMesh.FrontDoor.Routing;

/// <summary>
/// The request path of a front door (docs/architecture.md, The request path): resolves a name from the local
/// <see cref="RegistrationView"/> (vmodel, then model, then model:version; no registry round trip on a warm request),
/// then hands the V2 request bytes, unparsed, to a copy grain through the <see cref="ModelCopyRouter"/>: one Orleans hop
/// to the silo holding the copy, retried on another copy when a silo fails. Copy errors become gRPC statuses by their
/// typed code; Orleans transport failures become UNAVAILABLE. Records each request (modelmesh_api_request_seconds by
/// code, and sizes) and writes the access log line.
/// </summary>
public sealed partial class InferenceRouter(
    RegistrationView view, IMeshRegistry registry, ModelCopyRouter copies, ServedCopies served, CopyBoardView board,
    IOptions<FrontDoorOptions> options, TimeProvider time, ILogger<InferenceRouter> logger, MeshMetrics metrics)
{
    private readonly FrontDoorOptions _options = options.Value;

    /// <summary>Model for a requested name (vmodel alias or model id) and optional version; NOT_FOUND otherwise.</summary>
    public async ValueTask<ModelRecord> ResolveAsync(string name, string? version, CancellationToken cancellationToken)
    {
        var id = view.FindVModel(name)?.TargetModelId ?? name;
        if (!string.IsNullOrEmpty(version))
        {
            var candidate = view.FindModel(id);
            if (candidate is null || (candidate.Version ?? "1") != version)
            {
                id = id + ":" + version;
            }
        }

        var model = view.FindModel(id);
        if (model is null && !view.Degraded && !view.RecentlyMissing(id, time.GetUtcNow()))
        {
            // Registered a moment ago and the change event has not arrived yet? (At most once a second per unknown name.)
            try
            {
                model = await registry.GetModelAsync(id, cancellationToken);
            }
            catch (RegistryUnavailableException)
            {
                model = null;
            }

            if (model is not null)
            {
                view.SetModel(id, model);
            }
            else
            {
                view.NoteMissing(id, time.GetUtcNow());
            }
        }

        return model ?? throw ServingException.NotFound(string.IsNullOrEmpty(version)
            ? $"unknown model '{name}'"
            : $"unknown model '{name}' version '{version}'");
    }

    /// <summary>
    /// Forwards serialized ModelInfer bytes unchanged and returns the copy's response bytes (the caller owns both). Records
    /// the request (modelmesh_api_request_seconds by code, and sizes).
    /// </summary>
    public async Task<PooledPayload> ForwardInferAsync(ModelRecord model, PooledPayload request, DateTime deadline, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var code = StatusCode.Unknown;
        long responseBytes = 0;
        var trace = new RouteTrace();
        using var scope = _options.AccessLog ? BeginRequestScope(request.Memory.Span) : null;
        using var activity = ModelMeshActivitySources.FrontDoor.StartActivity("route");
        activity?.SetTag("modelmesh.model_id", model.ModelId);
        var wasLoaded = board.IsLoaded(model.ModelId);
        try
        {
            var result = await CallAsync(() => copies.InferAsync(model.ModelId, new Immutable<byte[]>(request.Memory.ToArray()), deadline, cancellationToken, trace));
            served.Mark(model.ModelId);
            if (!wasLoaded)
            {
                metrics.CacheMiss(Stopwatch.GetElapsedTime(started)); // this request waited for a load
            }

            (code, responseBytes) = (StatusCode.OK, result.Value.Length);
            return PooledPayload.Over(result.Value);
        }
        catch (Exception e) when (e is RpcException or ServingException or OperationCanceledException)
        {
            code = e switch { RpcException r => r.StatusCode, ServingException s => s.Code, _ => StatusCode.Cancelled };
            throw;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            activity?.SetTag("modelmesh.attempts", trace.Attempts);
            activity?.SetTag("modelmesh.copy", trace.CopyKey);
            if (trace.Attempts > 1)
            {
                metrics.Retried();
            }

            metrics.Request(model.ModelId, (int)code, elapsed, request.Length, responseBytes);
            if (_options.AccessLog)
            {
                LogAccess(model.ModelId, code, elapsed, trace.Silo, trace.Attempts);
            }
        }
    }

    /// <summary>The model's V2 metadata from a copy (loading one if none is loaded), named as the caller named it.</summary>
    public async Task<ModelMetadataResponse> GetMetadataAsync(ModelRecord model, string name, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var wasLoaded = board.IsLoaded(model.ModelId);
        var bytes = await CallAsync(() => copies.GetMetadataAsync(model.ModelId, name, Deadline(), cancellationToken));
        served.Mark(model.ModelId);
        if (!wasLoaded)
        {
            metrics.CacheMiss(Stopwatch.GetElapsedTime(started)); // a metadata call that waited for a load counts too
        }

        return ModelMetadataResponse.Parser.ParseFrom(bytes);
    }

    /// <summary>Ensures a loaded copy (a management load): the copy's status, or the typed error as a <see cref="ServingException"/>.</summary>
    public async Task<CopyStatus> EnsureLoadedAsync(string modelId, CancellationToken cancellationToken)
    {
        var status = await CallAsync(() => copies.EnsureLoadedAsync(modelId, Deadline(), cancellationToken));
        served.Mark(modelId);
        return status;
    }

    public Task UnloadAllAsync(string modelId, CancellationToken cancellationToken)
    {
        served.Clear(modelId);
        return copies.UnloadAllAsync(modelId, cancellationToken);
    }

    /// <summary>
    /// The access-log line of a gRPC ModelInfer refused before routing (empty or unknown model name): the model as the
    /// client named it, the code it gets, no silo, no attempts.
    /// </summary>
    public void LogRefusedBeforeRouting(string modelName, Exception error, TimeSpan elapsed, ReadOnlySpan<byte> request)
    {
        if (!_options.AccessLog)
        {
            return;
        }

        var code = error switch { RpcException r => r.StatusCode, ServingException s => s.Code, _ => StatusCode.Cancelled };
        using var scope = BeginRequestScope(request);
        LogAccess(modelName, code, elapsed, "", 0);
    }

    /// <summary>Copy errors as the status their typed code names; an unreachable cluster as UNAVAILABLE.</summary>
    public static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ModelCopyException e)
        {
            throw new ServingException((StatusCode)e.GrpcStatus, e.Message);
        }
        catch (Exception e) when (ModelCopyRouter.IsTransient(e))
        {
            throw new ServingException(StatusCode.Unavailable, "the mesh could not reach a copy: " + e.Message);
        }
    }

    private DateTime Deadline() => time.GetUtcNow().UtcDateTime + _options.DefaultDeadline;

    /// <summary>
    /// RequestId (the REST request's id, else the V2 request's id, else a new one) and TraceId for the access log line
    /// and the routing logs.
    /// </summary>
    private IDisposable? BeginRequestScope(ReadOnlySpan<byte> request)
    {
        var activity = Activity.Current;
        var requestId = activity?.GetCustomProperty(ModelMesh.Serving.Rest.RestCall.RequestIdProperty) as string;
        if (string.IsNullOrEmpty(requestId))
        {
            var v2Id = Grpc.InferRequestPeek.ReadId(request);
            requestId = v2Id.Length > 0 ? v2Id : Guid.NewGuid().ToString("N");
        }

        return logger.BeginScope(new KeyValuePair<string, object?>[] { new("RequestId", requestId), new("TraceId", activity?.TraceId.ToHexString()) });
    }

    private void LogAccess(string modelId, StatusCode code, TimeSpan elapsed, string silo, int attempts)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            AccessLog.Request(logger, modelId, code, (int)code, elapsed.TotalMilliseconds, silo, attempts);
        }
    }
}
