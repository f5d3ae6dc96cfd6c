using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelMesh.Orleans.Board;
using ModelMesh.Orleans.Copies;

namespace ModelMesh.Orleans.Routing;

/// <summary>
/// Sends a model's calls to its copies from a front door (a cluster member with no model capacity, so a call is one
/// Orleans hop). The warm path makes no registry or bookkeeping call: it picks among the copies cached in
/// <see cref="CopyRoute"/>; <see cref="CopyLoadReporter"/> reports the load and refreshes the copy sets about once a
/// second. A retryable failure (<see cref="RetryRules"/>) marks the copy suspect and the next attempt goes to another
/// one, within the caller's deadline and at most <see cref="CopyRoutingOptions.MaxAttempts"/> times: after a kill -9
/// Orleans keeps routing a dead silo's grain ids to it until membership declares it dead, so the retry takes another
/// copy number, which placement puts on a live silo.
/// </summary>
public sealed partial class ModelCopyRouter(
    IGrainFactory grains, CapacityBoard board, CopyControlClient control, IOptions<CopyRoutingOptions> options, TimeProvider time,
    ILogger<ModelCopyRouter> logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxTimer = TimeSpan.FromDays(1);
    private readonly ConcurrentDictionary<string, CopyRoute> _routes = new(StringComparer.Ordinal);
    private readonly CopyRoutingOptions _options = options.Value;

    /// <summary>
    /// Runs one inference for a model (the id already resolved from vmodels/versions by the caller). Picks a copy,
    /// retries transient failures on another copy within the deadline, at most MaxAttempts; throws
    /// <see cref="ModelCopyException"/> (typed, with the gRPC status) or <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<CopyAnswer> InferAsync(string modelId, Immutable<byte[]> request, DateTime deadlineUtc, CancellationToken ct, RouteTrace? trace = null)
    {
        try
        {
            var answer = await ExecuteAsync(modelId, deadlineUtc, (copy, token) => copy.InferAsync(request, token), ct, trace);
            if (trace is not null)
            {
                trace.Silo = answer.Silo;
            }

            return answer;
        }
        catch (ModelCopyException e) when (trace is not null && e.SiloName is { } failedOn)
        {
            trace.Silo = failedOn;
            throw;
        }
    }

    /// <summary>The model's V2 metadata (serialized <c>ModelMetadataResponse</c>, named <paramref name="name"/>) from a copy, loading one if needed.</summary>
    public Task<byte[]> GetMetadataAsync(string modelId, string name, DateTime deadlineUtc, CancellationToken ct) =>
        ExecuteAsync(modelId, deadlineUtc, (copy, token) => copy.GetMetadataAsync(name, token), ct);

    /// <summary>Management "load now": ensures at least one loaded copy and answers its status (or throws <see cref="ModelCopyException"/>).</summary>
    public Task<CopyStatus> EnsureLoadedAsync(string modelId, DateTime deadlineUtc, CancellationToken ct) =>
        ExecuteAsync(modelId, deadlineUtc, (copy, token) => copy.WaitLoadedAsync(token), ct);

    /// <summary>
    /// Unregister / unload: forgets the model's copy set and deactivates every copy of the model on every silo the
    /// board lists as holding models (a copy placed in the last second may not be published yet, so all are asked).
    /// </summary>
    public async Task UnloadAllAsync(string modelId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        _routes.TryRemove(modelId, out _);
        await TolerateDeadSiloAsync(modelId, () => grains.GetGrain<IModelCopiesGrain>(modelId).ResetAsync().WaitAsync(ct)); // a dead silo took its state along
        var silos = board.Snapshot().Where(s => s.HoldsModels).Select(s => s.Silo).ToList();
        var deactivated = 0;
        await Task.WhenAll(silos.Select(silo => TolerateDeadSiloAsync(modelId, async () =>
            Interlocked.Add(ref deactivated, await control.On(silo).DeactivateAsync(modelId, -1).WaitAsync(ct)))));
        LogUnloaded(logger, modelId, deactivated, silos.Count);
    }

    /// <summary>The copies a router would choose from now (for status and tests).</summary>
    public IReadOnlyList<int> KnownCopies(string modelId) => _routes.TryGetValue(modelId, out var route) ? route.Copies : [0];

    internal ICollection<CopyRoute> Routes => _routes.Values;

    internal void Forget(CopyRoute route) => _routes.TryRemove(new KeyValuePair<string, CopyRoute>(route.ModelId, route));

    private async Task<T> ExecuteAsync<T>(
        string modelId, DateTime deadlineUtc, Func<IModelCopyGrain, CancellationToken, Task<T>> call, CancellationToken ct, RouteTrace? trace = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        ThrowIfLoadingFailed(modelId);
        var now = time.GetUtcNow();
        var remaining = deadlineUtc - now.UtcDateTime;
        if (remaining <= TimeSpan.Zero)
        {
            throw DeadlineExceeded(modelId, 0, null);
        }

        var route = Route(modelId);
        route.Touch(now);
        // gRPC's "no deadline" is DateTime.MaxValue: beyond a day, no timer (a CancellationTokenSource delay is bounded).
        using var deadline = new CancellationTokenSource(remaining > MaxTimer ? Timeout.InfiniteTimeSpan : remaining, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        List<int>? tried = null;
        Exception? last = null;
        var backoff = _options.RetryBackoff;
        var failedLoads = 0;
        var waits = 0;
        var avoid = new HashSet<string>(StringComparer.Ordinal);
        CopySlot? again = null;
        for (var attempt = 0; attempt < _options.MaxAttempts; attempt++)
        {
            var slot = again ?? route.Pick(tried, time.GetUtcNow().UtcTicks);
            again = null;
            if (trace is not null)
            {
                trace.Attempts++;
                trace.CopyKey = new ModelCopyKey(modelId, slot.Copy).ToString();
                trace.Silo = SiloOf(trace.CopyKey);
            }

            slot.Enter();
            using var attemptSpan = Serving.Tracing.ModelMeshActivitySources.FrontDoor.StartActivity("attempt", System.Diagnostics.ActivityKind.Client);
            attemptSpan?.SetTag("modelmesh.model_id", modelId);
            attemptSpan?.SetTag("modelmesh.copy", new ModelCopyKey(modelId, slot.Copy).ToString());
            attemptSpan?.SetTag("modelmesh.attempt", attempt + 1);
            if (System.Diagnostics.Activity.Current?.Id is { } traceparent)
            {
                RequestContext.Set(ModelCopyGrain.TraceParentKey, traceparent);
            }

            if (waits >= MaxWaits / 2)
            {
                RequestContext.Set(Placement.ModelCopyPlacementDirector.LastResortKey, true);
            }

            if (avoid.Count > 0)
            {
                RequestContext.Set(Placement.ModelCopyPlacementDirector.AvoidKey, string.Join(',', avoid));
            }

            try
            {
                var result = await call(slot.Grain, linked.Token).WaitAsync(linked.Token);
                if (result is CopyAnswer answered)
                {
                    attemptSpan?.SetTag("modelmesh.silo_id", answered.Silo);
                }

                return result;
            }
            catch (ModelCopyException e) when (e.Failure == CopyFailure.NoEligibleSilo && failedLoads > 0)
            {
                // Every silo left is one where the model just failed to load: that failure is the answer.
                throw new ModelCopyException(CopyFailure.LoadFailed, $"model '{modelId}' failed to load on {failedLoads} silo(s); last error: {last?.Message}");
            }
            catch (ModelCopyException e) when (e.Failure is CopyFailure.SiloFull or CopyFailure.NoEligibleSilo or CopyFailure.CopyEvicted
                && waits < MaxWaits && !ct.IsCancellationRequested)
            {
                // No room right now (a refused copy is placed anew on its next call): the same copy again after a
                // bounded wait, which is not an attempt. A new copy number would only add placements (and reservations).
                last = e;
                waits++;
                attempt--;
                // "Every silo holds a copy": one this router does not know yet (another request's fail-over, a drain's
                // hand-off) may be loaded; the board shows it, so the next attempt takes it instead of waiting for room.
                again = e.Failure == CopyFailure.NoEligibleSilo && route.Adopt(LoadedCopiesOnBoard(modelId)) ? null : slot;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw DeadlineExceeded(modelId, attempt + 1, last);
            }
            catch (Exception e) when (RetryRules.IsRetryable(e))
            {
                last = e;
                (tried ??= []).Add(slot.Copy);
                slot.Suspect(time.GetUtcNow() + _options.SuspectPeriod);
                var kind = e.GetType().Name;
                LogRetry(logger, modelId, slot.Copy, attempt + 1, kind, e.Message);

                if (e is ModelCopyException { Failure: CopyFailure.LoadFailed, Silo: { } failedOn })
                {
                    avoid.Add(failedOn); // placement keeps the next copy off the silo where it just failed
                }
                else if (e is not ModelCopyException && HolderOf(new ModelCopyKey(modelId, slot.Copy).ToString())?.Silo.ToParsableString() is { } dead)
                {
                    avoid.Add(dead);
                }

                if (e is ModelCopyException { Failure: CopyFailure.LoadFailed } failed && ++failedLoads >= _options.FailedLoadsBeforeGivingUp)
                {
                    throw new ModelCopyException(CopyFailure.LoadFailed, $"model '{modelId}' failed to load on {failedLoads} copies; last error: {failed.Message}");
                }
            }
            catch (Exception e) when (e is not ModelCopyException)
            {
                throw new ModelCopyException(CopyFailure.InferenceFailed, $"model '{modelId}': {e.GetType().Name}: {e.Message}");
            }
            finally
            {
                slot.Exit();
                RequestContext.Remove(Placement.ModelCopyPlacementDirector.AvoidKey);
                RequestContext.Remove(Placement.ModelCopyPlacementDirector.LastResortKey);
                RequestContext.Remove(ModelCopyGrain.TraceParentKey);
            }

            if (!RetryRules.IsUnreachable(last) && attempt + 1 < _options.MaxAttempts)
            {
                // A live silo refused (full, no eligible silo now): give it a moment, inside the deadline.
                try
                {
                    await Task.Delay(backoff, time, linked.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw DeadlineExceeded(modelId, attempt + 1, last);
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }

        throw last as ModelCopyException is { Failure: CopyFailure.LoadFailed } loadFailed ? loadFailed
            : new ModelCopyException(CopyFailure.SiloUnavailable, $"model '{modelId}': {_options.MaxAttempts} attempts exhausted{Describe(last)}");
    }

    /// <summary>Waits for room (50 ms doubling to 1 s: about 7.5 s in all) before a full cluster answers UNAVAILABLE.</summary>
    public const int MaxWaits = 10;

    /// <summary>A dead or unreachable silo, a broken connection, no answer in time: another copy may answer.</summary>
    public static bool IsTransient(Exception e) => RetryRules.IsTransport(e);

    /// <summary>Copy numbers of the model that the board shows loaded on a live silo.</summary>
    private List<int> LoadedCopiesOnBoard(string modelId)
    {
        var copies = new List<int>();
        foreach (var (_, copy) in board.CopiesOf(modelId))
        {
            if (copy.State == CopyStateName.Loaded && ModelCopyKey.TryParse(copy.Key, out var key))
            {
                copies.Add(key.Copy);
            }
        }

        return copies;
    }

    /// <summary>The name of the silo the board shows holding the copy; empty when none does yet.</summary>
    public string SiloOf(string copyKey) => HolderOf(copyKey)?.DisplayName ?? "";

    private SiloCapacity? HolderOf(string copyKey)
    {
        if (!ModelCopyKey.TryParse(copyKey, out var key))
        {
            return null;
        }

        foreach (var (silo, copy) in board.CopiesOf(key.ModelId))
        {
            if (copy.Key == copyKey && copy.State != CopyStateName.Failed)
            {
                return silo;
            }
        }

        return null;
    }

    /// <summary>
    /// LOADING_FAILED: the model failed to load on <see cref="CopyRoutingOptions.FailedLoadsBeforeGivingUp"/> silos (ModelMesh: 3),
    /// or on every model silo, within the last 15 minutes (each silo publishes its failures on the board):
    /// FAILED_PRECONDITION with the errors, no new load.
    /// </summary>
    private void ThrowIfLoadingFailed(string modelId)
    {
        List<string>? failures = null;
        foreach (var (silo, copy) in board.CopiesOf(modelId))
        {
            if (copy.State == CopyStateName.Failed)
            {
                (failures ??= []).Add($"{silo.DisplayName}: {copy.Error}");
            }
        }

        if (failures is not null
            && (failures.Count >= _options.FailedLoadsBeforeGivingUp || failures.Count >= board.Snapshot().Count(s => s.HoldsModels)))
        {
            throw new ModelCopyException(CopyFailure.LoadFailed, $"model '{modelId}' failed to load on {failures.Count} silo(s): {string.Join("; ", failures)}");
        }
    }

    /// <summary>A silo that died holds no copies any more: unloading does not fail for it.</summary>
    private async Task TolerateDeadSiloAsync(string modelId, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (RetryRules.IsTransport(e))
        {
            LogUnloadSkipped(logger, modelId, e.Message);
        }
    }

    private CopyRoute Route(string modelId)
    {
        if (_routes.TryGetValue(modelId, out var route))
        {
            return route;
        }

        // A model other routers already scaled: this router learns the copy set from its load reports (CopyLoadReporter).
        return _routes.GetOrAdd(modelId, static (id, grains) => new CopyRoute(id, grains), grains);
    }

    private static ModelCopyException DeadlineExceeded(string modelId, int attempts, Exception? last) =>
        new(CopyFailure.DeadlineExceeded, $"model '{modelId}': deadline passed after {attempts} attempts{Describe(last)}");

    private static string Describe(Exception? e) => e is null ? "" : $"; last error: {e.GetType().Name}: {e.Message}";

    [LoggerMessage(EventId = 4070, Level = LogLevel.Information, Message = "Retrying {Model} on another copy after copy {Copy} failed (attempt {Attempt}): {Error}: {Detail}")]
    private static partial void LogRetry(ILogger logger, string model, int copy, int attempt, string error, string detail);

    [LoggerMessage(EventId = 4074, Level = LogLevel.Information, Message = "Unloading {Model}: a silo did not answer ({Error}); its copies died with it")]
    private static partial void LogUnloadSkipped(ILogger logger, string model, string error);

    [LoggerMessage(EventId = 4072, Level = LogLevel.Information, Message = "Unloaded {Model}: {Copies} copies deactivated on {Silos} silos")]
    private static partial void LogUnloaded(ILogger logger, string model, int copies, int silos);
}
