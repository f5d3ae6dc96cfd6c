using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Grpc.Core;
using Grpc.Net.Client;
using ModelMesh.Metrics;
using ModelMesh.Registry;
using ModelMesh.Serving;
using ModelMesh.Serving.Grpc;
using ModelMesh.Serving.Tracing;

namespace ModelMesh.FrontDoor.Routing;

/// <summary>
/// Sends a call for a model to a silo that holds (or will load) a copy, retrying on another copy when a silo
/// fails (docs/architecture.md, The request path, step 6): UNAVAILABLE, a refused load or a broken connection marks the silo suspect
/// and the next attempt goes elsewhere, within the caller's deadline and at most <c>MaxAttempts</c> times.
/// Client errors (bad input, unknown model) are returned at once. The caller's deadline and cancellation
/// travel to the silo with every attempt.
/// </summary>
public sealed partial class InferenceRouter(
    RoutingTable table, IMeshRegistry registry, CopyPlacer placer, LoadsInProgress loads, ScaleUpMonitor scaleUp, GrpcChannelPool channels,
    IOptions<FrontDoorOptions> options, TimeProvider time, ILogger<InferenceRouter> logger, MeshMetrics metrics)
{
    /// <summary>Waits for a silo to become available (50 ms doubling to 1 s: about 7.5 s in all) before giving up.</summary>
    private const int MaxWaits = 10;
    private readonly FrontDoorOptions _options = options.Value;
    private readonly TimeSpan _failureExpiry = TimeSpan.FromMinutes(15);

    /// <summary>Model id for a requested name (vmodel alias or model id) and optional version; NOT_FOUND otherwise.</summary>
    public async ValueTask<ModelRecord> ResolveAsync(string name, string? version, CancellationToken cancellationToken)
    {
        var id = table.FindVModel(name)?.TargetModelId ?? name;
        if (!string.IsNullOrEmpty(version))
        {
            var candidate = table.FindModel(id);
            if (candidate is null || (candidate.Version ?? "1") != version)
            {
                id = id + ":" + version;
            }
        }

        var model = table.FindModel(id);
        if (model is null && !table.Degraded)
        {
            // Registered a moment ago and the change event has not arrived yet?
            model = await registry.GetModelAsync(id, cancellationToken);
            if (model is not null)
            {
                table.SetModel(id, model);
            }
        }

        return model ?? throw ServingException.NotFound(string.IsNullOrEmpty(version)
            ? $"unknown model '{name}'"
            : $"unknown model '{name}' version '{version}'");
    }

    /// <summary>
    /// Forwards serialized ModelInfer bytes unchanged and returns the silo's response bytes (the caller owns both). Records
    /// the request (modelmesh_api_request_seconds by code, and sizes).
    /// </summary>
    public async Task<PooledPayload> ForwardInferAsync(ModelRecord model, PooledPayload request, DateTime deadline, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var code = StatusCode.Unknown;
        long responseBytes = 0;
        var access = _options.AccessLog ? new AccessLog.State() : null;
        using var scope = access is null ? null : BeginRequestScope(request.Memory.Span);
        try
        {
            var result = await ForwardAsync(model, request, deadline, access, cancellationToken);
            (code, responseBytes) = (StatusCode.OK, result.Length);
            return result;
        }
        catch (Exception e) when (e is RpcException or ServingException or OperationCanceledException)
        {
            code = e switch { RpcException r => r.StatusCode, ServingException s => s.Code, _ => StatusCode.Cancelled };
            throw;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.Request(model.ModelId, (int)code, elapsed, request.Length, responseBytes);
            if (access is not null)
            {
                LogAccess(model.ModelId, code, elapsed, access);
            }
        }
    }

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
        LogAccess(modelName, code, elapsed, new AccessLog.State());
    }

    private void LogAccess(string modelId, StatusCode code, TimeSpan elapsed, AccessLog.State access)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            AccessLog.Request(logger, modelId, code, (int)code, elapsed.TotalMilliseconds, access.Silo, access.Attempts);
        }
    }

    private Task<PooledPayload> ForwardAsync(ModelRecord model, PooledPayload request, DateTime deadline, AccessLog.State? access, CancellationToken cancellationToken) =>
        ExecuteAsync(model, deadline, async (channel, target, options) =>
        {
            if (access is not null)
            {
                access.Silo = target.Silo.SiloId;
                access.Attempts++;
            }

            var headers = options.Headers!;
            headers.Add(SiloHeaders.ModelId, model.ModelId);
            if (target.LoadIfAbsent)
            {
                headers.Add(SiloHeaders.LoadIfAbsent, target.EvictRecent ? SiloHeaders.LoadEvictingRecent : "1");
            }

            long copiesVersion = 0;
            if (target.LoadIfAbsent)
            {
                var route = table.Route(model.ModelId);
                lock (route)
                {
                    copiesVersion = route.CopiesVersion;
                }
            }

            var result = await channel.CreateCallInvoker().AsyncUnaryCall(RawInferMethods.Client, null, options, request).ResponseAsync;
            if (target.LoadIfAbsent)
            {
                // Answered, so the copy is loaded there now: ModelReady says so before the registry's event arrives.
                table.ObserveServed(model.ModelId, target.Silo, copiesVersion, time.GetUtcNow());
            }

            return result;
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="call"/> against a copy of the model, with retries across silos. A call that succeeds after an
    /// attempt went to a silo without a loaded copy is a cache miss (modelmesh_cache_miss_seconds).
    /// </summary>
    public async Task<T> ExecuteAsync<T>(
        ModelRecord model, DateTime deadline, Func<GrpcChannel, RouteTarget, CallOptions, Task<T>> call, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var routeActivity = ModelMeshActivitySources.FrontDoor.StartActivity("route");
        routeActivity?.SetTag("modelmesh.model_id", model.ModelId);
        var cacheMiss = false;
        var route = table.Route(model.ModelId);
        route.CountRequest();
        route.Rate.Record(time.GetUtcNow());
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        var refusedFull = new HashSet<string>(StringComparer.Ordinal);
        RpcException? last = null;
        var backoff = TimeSpan.FromMilliseconds(50);
        var waits = 0;
        for (var attempt = 0; attempt < _options.MaxAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (time.GetUtcNow().UtcDateTime >= deadline)
            {
                throw new RpcException(new Status(StatusCode.DeadlineExceeded, "deadline passed while routing" + Describe(last)));
            }

            RouteTarget target;
            try
            {
                target = await ChooseAsync(model, route, excluded, refusedFull, cancellationToken);
            }
            catch (ServingException e) when (e.Code == StatusCode.Unavailable && waits < MaxWaits && time.GetUtcNow().UtcDateTime + backoff < deadline)
            {
                // No silo can take it right now (all excluded, full, or the view is momentarily empty after a
                // registry restart): wait and look again inside the caller's deadline rather than fail at once.
                LogWaiting(logger, model.ModelId, e.Message, backoff.TotalMilliseconds);
                await Task.Delay(backoff, time, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
                excluded.Clear();
                refusedFull.Clear();
                waits++;
                attempt--;
                continue;
            }

            var stats = route.StatsFor(target.Silo.SiloId);
            stats.Enter(time.GetUtcNow().UtcTicks);
            cacheMiss |= !IsLoadedOn(model.ModelId, target.Silo.SiloId);
            routeActivity?.SetTag("modelmesh.attempts", attempt + 1);
            using var attemptActivity = StartAttempt(model, target, attempt);
            try
            {
                var headers = new Metadata();
                TraceContextHeaders.Inject(attemptActivity ?? Activity.Current, headers); // no listener: the request's own (hosting) activity
                var result = await call(channels.Get(target.Silo.Address), target, new CallOptions(headers, deadline, cancellationToken));
                scaleUp.Observe(model, route);
                if (cacheMiss)
                {
                    metrics.CacheMiss(Stopwatch.GetElapsedTime(started));
                }

                return result;
            }
            catch (RpcException e) when (ShouldRetryElsewhere(e, cancellationToken))
            {
                attemptActivity?.SetTag("rpc.grpc.status_code", (int)e.StatusCode);
                attemptActivity?.SetStatus(ActivityStatusCode.Error, e.Status.Detail);
                metrics.Retried();
                last = e;
                excluded.Add(target.Silo.SiloId);
                OnSiloFailure(model, route, target, e);
                if (e.StatusCode == StatusCode.FailedPrecondition && RecentFailures(route) >= _options.FailedCopiesForLoadingFailed)
                {
                    throw new RpcException(new Status(StatusCode.FailedPrecondition,
                        $"model '{model.ModelId}' failed to load on {RecentFailures(route)} silos; last error: {e.Status.Detail}"));
                }

                if (e.StatusCode == StatusCode.Aborted)
                {
                    // The silo is full of copies used recently or in use: not a failed attempt. Other silos are
                    // tried next (each at most once per round: it is excluded). Once none can take the load
                    // without evicting inside the churn guard, placement's last resort asks one of the silos
                    // that refused to do so; a silo that refuses even that (everything in flight or loading) is
                    // left alone, and once all have, the bounded wait for room applies (MaxWaits rounds).
                    if (target.EvictRecent)
                    {
                        refusedFull.Remove(target.Silo.SiloId);
                    }
                    else
                    {
                        refusedFull.Add(target.Silo.SiloId);
                        table.MarkFull(target.Silo);
                    }

                    attempt--;
                }
            }
            finally
            {
                stats.Exit();
                if (target.TrackedLoad)
                {
                    loads.End(target.Silo.SiloId, model.ModelId);
                }
            }
        }

        // Here the mesh is busy or failing: UNAVAILABLE (retry later), unless the model failed to load or the
        // last silo found it larger than its whole device (the registration had no size hint to place by).
        throw new RpcException(new Status(
            last?.StatusCode is StatusCode.FailedPrecondition or StatusCode.ResourceExhausted ? last.StatusCode : StatusCode.Unavailable,
            $"model '{model.ModelId}': {_options.MaxAttempts} attempts exhausted" + Describe(last)));
    }

    private async Task<RouteTarget> ChooseAsync(
        ModelRecord model, ModelRoute route, HashSet<string> excluded, HashSet<string> refusedFull, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (CopySelector.PickLoaded(table, route, excluded, now) is { } loaded)
        {
            return new RouteTarget(loaded, LoadIfAbsent: true);
        }

        if (CopySelector.PickLoading(table, route, excluded, now) is { } loading)
        {
            return new RouteTarget(loading, LoadIfAbsent: true);
        }

        ThrowIfLoadingFailed(model, route, now);
        var placed = await placer.PlaceAsync(model, excluded, spare: false, cancellationToken, refusedFull);
        return new RouteTarget(placed.Silo, LoadIfAbsent: true, EvictRecent: placed.LastResort, TrackedLoad: placed.Tracked);
    }

    /// <summary>
    /// A model whose loads failed on enough silos (LOADING_FAILED) answers FAILED_PRECONDITION with the recorded
    /// errors while the failures stand, instead of being placed again or reported as "no silo".
    /// </summary>
    private void ThrowIfLoadingFailed(ModelRecord model, ModelRoute route, DateTimeOffset now)
    {
        var errors = new List<string>();
        foreach (var copy in route.Copies)
        {
            if (copy.State == CopyState.Failed && table.LiveSilo(copy) is not null && now - copy.Since < _failureExpiry)
            {
                errors.Add($"{copy.SiloId}: {copy.Error}");
            }
        }

        var failures = Math.Max(errors.Count, RecentFailures(route));
        if (failures > 0 && (failures >= _options.FailedCopiesForLoadingFailed || failures >= table.Silos.Count))
        {
            throw new ServingException(StatusCode.FailedPrecondition,
                $"model '{model.ModelId}' failed to load on {failures} silos: {(errors.Count > 0 ? string.Join("; ", errors) : "see GET /v1/mesh/models/" + model.ModelId)}");
        }
    }

    /// <summary>The client span for one attempt: the silo's server span is its child (traceparent travels in the call).</summary>
    private static Activity? StartAttempt(ModelRecord model, RouteTarget target, int attempt)
    {
        var activity = ModelMeshActivitySources.FrontDoor.StartActivity("attempt", ActivityKind.Client);
        activity?.SetTag("modelmesh.model_id", model.ModelId);
        activity?.SetTag("modelmesh.silo_id", target.Silo.SiloId);
        activity?.SetTag("modelmesh.attempt", attempt + 1);
        return activity;
    }

    private bool IsLoadedOn(string modelId, string siloId)
    {
        foreach (var copy in table.Route(modelId).Copies)
        {
            if (copy.SiloId == siloId && copy.State == CopyState.Loaded)
            {
                return true;
            }
        }

        return false;
    }

    private static bool ShouldRetryElsewhere(RpcException e, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && e.StatusCode is StatusCode.Unavailable or StatusCode.ResourceExhausted or StatusCode.Aborted or StatusCode.FailedPrecondition
            or StatusCode.Unknown or StatusCode.Internal && IsTransportFailure(e);

    private static bool IsTransportFailure(RpcException e) =>
        e.StatusCode != StatusCode.Internal || e.Status.Detail.Contains("stream", StringComparison.OrdinalIgnoreCase);

    private void OnSiloFailure(ModelRecord model, ModelRoute route, RouteTarget target, RpcException e)
    {
        var now = time.GetUtcNow();
        if (e.StatusCode == StatusCode.FailedPrecondition)
        {
            route.FailedOn[target.Silo.SiloId] = now;
        }
        else if (e.StatusCode is StatusCode.Unavailable or StatusCode.Unknown or StatusCode.Internal
                 && !e.Status.Detail.Contains("not loaded", StringComparison.Ordinal)
                 && !e.Status.Detail.Contains("cannot admit", StringComparison.Ordinal))
        {
            // A silo that refused a load for lack of room is alive and still serves its copies: not suspect.
            table.MarkSuspect(target.Silo.SiloId, now + _options.SuspectSiloPeriod);
        }

        LogRetry(logger, model.ModelId, target.Silo.SiloId, e.StatusCode, e.Status.Detail);
        _ = RefreshCopiesAsync(model.ModelId);
    }

    private async Task RefreshCopiesAsync(string modelId)
    {
        try
        {
            table.SetCopies(modelId, await registry.GetCopiesAsync(modelId));
        }
        catch (RegistryUnavailableException)
        {
            // Serving from the last view; the sync loop resyncs when the registry is back.
        }
    }

    private int RecentFailures(ModelRoute route)
    {
        var now = time.GetUtcNow();
        var count = 0;
        foreach (var at in route.FailedOn.Values)
        {
            if (now - at < TimeSpan.FromMinutes(15))
            {
                count++;
            }
        }

        return count;
    }

    private static string Describe(RpcException? e) => e is null ? "" : $"; last error: {e.StatusCode}: {e.Status.Detail}";

    [LoggerMessage(EventId = 411, Level = LogLevel.Debug, Message = "No silo for {Model} now ({Reason}); retrying in {Milliseconds} ms")]
    private static partial void LogWaiting(ILogger logger, string model, string reason, double milliseconds);

    [LoggerMessage(EventId = 410, Level = LogLevel.Information, Message = "Retrying {Model} elsewhere after silo {Silo} answered {Code}: {Detail}")]
    private static partial void LogRetry(ILogger logger, string model, string silo, StatusCode code, string detail);
}
