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
    public Task<Immutable<byte[]>> InferAsync(string modelId, Immutable<byte[]> request, DateTime deadlineUtc, CancellationToken ct) =>
        ExecuteAsync(modelId, deadlineUtc, (copy, token) => copy.InferAsync(request, token), ct);

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

    private async Task<T> ExecuteAsync<T>(string modelId, DateTime deadlineUtc, Func<IModelCopyGrain, CancellationToken, Task<T>> call, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelId);
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
        for (var attempt = 0; attempt < _options.MaxAttempts; attempt++)
        {
            var slot = route.Pick(tried, time.GetUtcNow().UtcTicks);
            slot.Enter();
            try
            {
                return await call(slot.Grain, linked.Token).WaitAsync(linked.Token);
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

        var created = new CopyRoute(modelId, grains);
        route = _routes.GetOrAdd(modelId, created);
        if (ReferenceEquals(route, created))
        {
            _ = RefreshAsync(route); // a model other routers already scaled: learn its copies without making this request wait
        }

        return route;
    }

    private async Task RefreshAsync(CopyRoute route)
    {
        try
        {
            route.Apply(await grains.GetGrain<IModelCopiesGrain>(route.ModelId).GetAsync());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogRefreshFailed(logger, route.ModelId, e.Message);
        }
    }

    private static ModelCopyException DeadlineExceeded(string modelId, int attempts, Exception? last) =>
        new(CopyFailure.DeadlineExceeded, $"model '{modelId}': deadline passed after {attempts} attempts{Describe(last)}");

    private static string Describe(Exception? e) => e is null ? "" : $"; last error: {e.GetType().Name}: {e.Message}";

    [LoggerMessage(EventId = 4060, Level = LogLevel.Information, Message = "Retrying {Model} on another copy after copy {Copy} failed (attempt {Attempt}): {Error}: {Detail}")]
    private static partial void LogRetry(ILogger logger, string model, int copy, int attempt, string error, string detail);

    [LoggerMessage(EventId = 4061, Level = LogLevel.Debug, Message = "Could not read the copy set of {Model}: {Error}")]
    private static partial void LogRefreshFailed(ILogger logger, string model, string error);

    [LoggerMessage(EventId = 4064, Level = LogLevel.Information, Message = "Unloading {Model}: a silo did not answer ({Error}); its copies died with it")]
    private static partial void LogUnloadSkipped(ILogger logger, string model, string error);

    [LoggerMessage(EventId = 4062, Level = LogLevel.Information, Message = "Unloaded {Model}: {Copies} copies deactivated on {Silos} silos")]
    private static partial void LogUnloaded(ILogger logger, string model, int copies, int silos);
}
