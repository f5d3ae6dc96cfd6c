using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelMesh.Contracts.Inference;
using ModelMesh.Orleans.Cache;
using ModelMesh.Orleans.Placement;
using ModelMesh.Orleans.Registrations;
using ModelMesh.Serving;
using ModelMesh.Serving.Statistics;
using ModelMesh.Serving.Tracing;
using ModelMesh.Silo;
using Orleans.Runtime.Placement;

namespace ModelMesh.Orleans.Copies;

/// <summary>
/// A model copy activation. Keeps the silo-side half of placement: activation admits the copy into the silo's
/// <see cref="SiloCopyCache"/> BEFORE loading (a stale location cache can re-create an activation here without the
/// director), and a refused or failed copy answers its caller with the typed error and then migrates (refused for
/// room: placed anew by the director) or deactivates (failed load, unknown model). Activation is cheap: the session loads in the background and calls await it, so neither Orleans'
/// activation timeout nor a failed-activation window applies to slow loads. Inference runs off the activation's
/// scheduler (ONNX Runtime blocks a thread per run), awaiting the silo's run limiter.
/// </summary>
[ModelCopyPlacement]
public sealed partial class ModelCopyGrain(
    SiloCopyCache cache, IModelRegistrations registrations, RunLimiter runLimiter, InferenceStatistics statistics, ILocalSiloDetails silo,
    IOptions<CopyCacheOptions> accessLog, ILogger<ModelCopyGrain> logger, Metrics.MeshMetrics? metrics = null)
    : Grain, IModelCopyGrain
{
    private CopyEntry? _entry;
    private ModelCopyException? _refusal;
    private ModelRegistration? _registration;
    private bool _loadStarted;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var keyText = this.GetPrimaryKeyString();
        try
        {
            var key = ModelCopyKey.Parse(keyText);
            var registration = await registrations.FindAsync(key.ModelId, cancellationToken)
                ?? throw new ModelCopyException(CopyFailure.ModelNotFound, $"unknown model '{key.ModelId}'");
            _registration = registration;
            _entry = cache.Admit(key, registration, GrainContext); // the load starts with the first call (its trace)
        }
        catch (ModelCopyException e)
        {
            LogRefused(logger, keyText, e.Failure, e.Message);
            _refusal = e;
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_entry is { } entry)
        {
            cache.Release(entry, "deactivated: " + reason.Description);
        }

        return Task.CompletedTask;
    }

    public async Task<CopyAnswer> InferAsync(Immutable<byte[]> request, CancellationToken cancellationToken)
    {
        var traceparent = RequestContext.Get(TraceParentKey) as string;
        using var activity = ModelMeshActivitySources.StartServer(ModelMeshActivitySources.Silo, "ModelInfer", traceparent, null);
        activity?.SetTag("modelmesh.copy", this.GetPrimaryKeyString());
        activity?.SetTag("modelmesh.silo_id", silo.Name);
        if (!accessLog.Value.AccessLog)
        {
            var loaded = await LoadedEntryAsync(cancellationToken);
            return await Task.Run(() => RunAsync(loaded, request.Value, cancellationToken), cancellationToken);
        }

        // The silo's access log: one line per inference this silo ran or refused, in a RequestId/TraceId scope.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var waited = _entry is { Loaded.IsCompleted: false };
        var code = 0;
        using var scope = logger.BeginScope(new KeyValuePair<string, object?>[]
        {
            new("RequestId", ReadRequestId(request.Value)),
            new("TraceId", System.Diagnostics.ActivityContext.TryParse(traceparent, null, out var caller) ? caller.TraceId.ToHexString()
                : System.Diagnostics.Activity.Current?.TraceId.ToHexString()),
        });
        try
        {
            var entry = await LoadedEntryAsync(cancellationToken);
            return await Task.Run(() => RunAsync(entry, request.Value, cancellationToken), cancellationToken);
        }
        catch (ModelCopyException e)
        {
            code = e.GrpcStatus;
            throw;
        }
        catch (OperationCanceledException)
        {
            code = 1;
            throw;
        }
        finally
        {
            var model = ModelCopyKey.TryParse(this.GetPrimaryKeyString(), out var key) ? key.ModelId : this.GetPrimaryKeyString();
            var latency = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var status = ((global::Grpc.Core.StatusCode)code).ToString();
            var siloName = silo.Name;
            LogAccess(logger, model, status, code, latency, siloName, true, waited);
        }
    }

    /// <summary>Request context key: the caller's W3C traceparent (a front door's request), for the silo's span and access log.</summary>
    public const string TraceParentKey = "mm-traceparent";

    private static string ReadRequestId(byte[] request)
    {
        try
        {
            var id = ModelInferRequest.Parser.ParseFrom(request).Id;
            return id.Length > 0 ? id : Guid.NewGuid().ToString("N");
        }
        catch (InvalidProtocolBufferException)
        {
            return Guid.NewGuid().ToString("N");
        }
    }

    public async Task<byte[]> GetMetadataAsync(string name, CancellationToken cancellationToken)
    {
        var entry = await LoadedEntryAsync(cancellationToken);
        using var lease = cache.Lease(entry);
        return ModelMetadataBuilder.Build(name.Length > 0 ? name : entry.ModelId, entry.Registration.Version, lease.Session.Signature).ToByteArray();
    }

    public Task UnloadAsync()
    {
        if (_entry is { } entry)
        {
            cache.Release(entry, "unloaded");
            _entry = null;
            _refusal = new ModelCopyException(CopyFailure.CopyEvicted, $"copy {entry.KeyText} was unloaded; retry");
        }

        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<CopyStatus> GetStatusAsync() => Task.FromResult(Status(EntryOrThrow()));

    public async Task<CopyStatus> WaitLoadedAsync(CancellationToken cancellationToken) => Status(await LoadedEntryAsync(cancellationToken));

    private async Task<CopyEntry> LoadedEntryAsync(CancellationToken cancellationToken)
    {
        var entry = EntryOrThrow();
        if (!_loadStarted)
        {
            // Admitted at activation, loaded from the first call on, so the load joins that call's trace.
            _loadStarted = true;
            _ = cache.StartLoad(entry, RequestContext.Get(TraceParentKey) as string);
        }

        try
        {
            await entry.Loaded.WaitAsync(cancellationToken);
        }
        catch (ModelCopyException e)
        {
            DeactivateOnIdle();
            throw e.Failure == CopyFailure.LoadFailed ? e.At(silo.SiloAddress, silo.Name) : e;
        }

        return entry;
    }

    /// <summary>
    /// A copy refused for room (a stale placement) migrates: placement chooses again, here without the stale hint, and the
    /// directory then points at the new silo, so a caller's stale location cache is corrected by forwarding. A plain
    /// deactivation would unregister it, and the stale cache would re-create the copy here, refused again, until it expired.
    /// Other refusals (unknown model, bad key) deactivate.
    /// </summary>
    private CopyEntry EntryOrThrow()
    {
        if (_refusal is { Failure: CopyFailure.SiloFull } && _registration is { } registration
            && RequestContext.Get(ModelCopyPlacementDirector.LastResortKey) is true && TryAdmitAsLastResort(registration))
        {
            return _entry!;
        }

        if (_refusal is { } refusal)
        {
            if (refusal.Failure is CopyFailure.SiloFull or CopyFailure.ModelTooLarge)
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
                MigrateOnIdle();
            }
            else
            {
                DeactivateOnIdle();
            }

            throw refusal;
        }

        return _entry!;
    }

    /// <summary>The caller waited for room long enough: admit evicting copies inside the churn guard (never busy or loading ones).</summary>
    private bool TryAdmitAsLastResort(ModelRegistration registration)
    {
        try
        {
            _entry = cache.Admit(ModelCopyKey.Parse(this.GetPrimaryKeyString()), registration, GrainContext, lastResort: true);
            _refusal = null;
            _loadStarted = false;
            return true;
        }
        catch (ModelCopyException e)
        {
            _refusal = e;
            return false;
        }
    }

    private CopyStatus Status(CopyEntry entry) => new()
    {
        Silo = silo.SiloAddress,
        Device = entry.Device,
        State = entry.State,
        SizeBytes = entry.SizeBytes,
        InFlight = entry.InFlight,
    };

    private async Task<CopyAnswer> RunAsync(CopyEntry entry, byte[] requestBytes, CancellationToken cancellationToken)
    {
        ModelInferRequest request;
        try
        {
            request = ModelInferRequest.Parser.ParseFrom(requestBytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ModelCopyException(CopyFailure.InvalidRequest, "the request is not a V2 ModelInferRequest: " + e.Message).At(silo.SiloAddress, silo.Name);
        }

        using var lease = cache.Lease(entry);
        try
        {
            // The response names the model as the caller did (a vmodel name, say); statistics count the model id, as the silo does.
            var name = request.ModelName.Length > 0 ? request.ModelName : entry.ModelId;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var response = await SessionInference.InferAsync(
                lease.Session, request, name, entry.Registration.Version, runLimiter, statistics, entry.ModelId, cancellationToken);
            metrics?.Invoked(entry.ModelId, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            return new CopyAnswer { Value = response.ToByteArray(), Silo = silo.Name };
        }
        catch (ServingException e)
        {
            var status = (int)e.Code;
            throw new ModelCopyException(status == 3 ? CopyFailure.InvalidRequest : CopyFailure.InferenceFailed, e.Message, status).At(silo.SiloAddress, silo.Name);
        }
    }

    [LoggerMessage(EventId = 330, EventName = "SiloAccessLog", Level = LogLevel.Information,
        Message = "Infer {Model} {Status} ({StatusCode}) in {LatencyMs} ms on silo {Silo}; load if absent {LoadIfAbsent}, waited for a load {WaitedForLoad}")]
    private static partial void LogAccess(ILogger logger, string model, string status, int statusCode, double latencyMs, string silo, bool loadIfAbsent, bool waitedForLoad);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Copy {CopyKey} refused on activation ({Failure}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string copyKey, CopyFailure failure, string reason);
}
