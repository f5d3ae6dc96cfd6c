using Microsoft.Extensions.Logging;
using ModelMesh.Orleans.Board;
using ModelMesh.Orleans.Copies;

namespace ModelMesh.Orleans.Routing;

/// <summary>
/// Routes a model's calls to its copy grains from a cluster member (a front door, or a silo taking V2 directly): one
/// Orleans hop to the silo holding the copy. The warm path reads only this silo's capacity board (no registry, no extra
/// grain call): a loaded copy on a live, non-draining silo, round robin; else a loading one; else copy 0, which the
/// placement director places. A transient failure (a dead or unreachable silo, a stale placement refused for room, an
/// evicted copy) is retried on another copy within the deadline, at most <see cref="MaxAttempts"/> times; after a
/// kill -9 the next attempt takes a copy number no live silo shows, so the director places it on a live silo instead of
/// waiting for the dead one to be declared dead. Client errors (bad input, unknown model, too large) are thrown at once.
/// </summary>
public sealed partial class ModelCopyRouter(
    IGrainFactory grains, CapacityBoard board, CapacityBoardClient silos, TimeProvider time, ILogger<ModelCopyRouter> logger)
{
    public const int MaxAttempts = 6;

    /// <summary>Silos a model may fail to load on before it is LOADING_FAILED (ModelMesh: 3).</summary>
    public const int FailedCopiesForLoadingFailed = 3;

    /// <summary>Waits for room (50 ms doubling to 1 s: about 7.5 s in all) before a full cluster answers UNAVAILABLE.</summary>
    public const int MaxWaits = 10;
    private int _next;

    public Task<Immutable<byte[]>> InferAsync(string modelId, Immutable<byte[]> request, DateTime deadlineUtc, CancellationToken ct, RouteTrace? trace = null) =>
        CallAsync(modelId, deadlineUtc, (copy, token) => copy.InferAsync(request, token), ct, trace);

    public Task<byte[]> GetMetadataAsync(string modelId, string name, DateTime deadlineUtc, CancellationToken ct) =>
        CallAsync(modelId, deadlineUtc, (copy, token) => copy.GetMetadataAsync(name, token), ct);

    public Task<CopyStatus> EnsureLoadedAsync(string modelId, DateTime deadlineUtc, CancellationToken ct) =>
        CallAsync(modelId, deadlineUtc, (copy, token) => copy.WaitLoadedAsync(token), ct);

    /// <summary>
    /// Unloads every copy of the model in the cluster: each model silo drops its copies (no grain call, which would
    /// activate a copy that is already gone). A silo that cannot be reached holds nothing routable for long.
    /// </summary>
    public async Task UnloadAllAsync(string modelId, CancellationToken ct)
    {
        var unloads = board.Snapshot().Where(s => s.HoldsModels).Select(s => silos.On(s.Silo).UnloadModelAsync(modelId)).ToList();
        try
        {
            await Task.WhenAll(unloads).WaitAsync(TimeSpan.FromSeconds(10), ct);
        }
        catch (Exception e) when (IsTransient(e))
        {
            // A silo that cannot be reached: its copies die with it.
        }
    }

    private async Task<T> CallAsync<T>(
        string modelId, DateTime deadlineUtc, Func<IModelCopyGrain, CancellationToken, Task<T>> call, CancellationToken ct, RouteTrace? trace = null)
    {
        var tried = new HashSet<string>(StringComparer.Ordinal);
        var avoid = new HashSet<string>(StringComparer.Ordinal);
        var loadErrors = new List<string>();
        Exception? last = null;
        string? retrySame = null;
        var backoff = TimeSpan.FromMilliseconds(50);
        var waits = 0;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var left = deadlineUtc - time.GetUtcNow().UtcDateTime;
            if (left <= TimeSpan.Zero)
            {
                throw new ModelCopyException(CopyFailure.InferenceFailed, $"deadline passed while routing model '{modelId}'" + Describe(last), 4);
            }

            ThrowIfLoadingFailed(modelId, loadErrors);
            var key = retrySame ?? Choose(modelId, tried);
            retrySame = null;
            tried.Add(key);
            if (trace is not null)
            {
                trace.Attempts++;
                trace.CopyKey = key;
                trace.Silo = SiloOf(key);
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(left);
            RequestContext.Set(Placement.ModelCopyPlacementDirector.AvoidKey, string.Join(',', avoid));
            try
            {
                return await call(grains.GetGrain<IModelCopyGrain>(key), deadline.Token);
            }
            catch (ModelCopyException e) when (!ct.IsCancellationRequested && e.Failure == CopyFailure.LoadFailed)
            {
                // The model failed to load there: try another silo (placement avoids this one), up to the LOADING_FAILED count.
                last = e;
                avoid.Add(e.Silo ?? "");
                loadErrors.Add(e.Message);
                LogRetry(logger, key, e.Message);
                if (loadErrors.Count >= FailedCopiesForLoadingFailed)
                {
                    throw;
                }
            }
            catch (ModelCopyException e) when (!ct.IsCancellationRequested && e.Failure is CopyFailure.SiloFull or CopyFailure.NoEligibleSilo or CopyFailure.CopyEvicted)
            {
                // No room right now (or the copy was evicted under the call): the same copy again, placed anew, after a
                // bounded wait for room; these waits are not attempts.
                last = e;
                if (e.Failure == CopyFailure.NoEligibleSilo && loadErrors.Count > 0)
                {
                    throw new ModelCopyException(CopyFailure.LoadFailed, $"model '{modelId}' failed to load: {string.Join("; ", loadErrors)}");
                }

                if (waits++ >= MaxWaits || time.GetUtcNow().UtcDateTime + backoff >= deadlineUtc)
                {
                    throw;
                }

                retrySame = key;
                attempt--;
                await Task.Delay(backoff, time, ct);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
            }
            catch (Exception e) when (!ct.IsCancellationRequested && IsTransient(e) && e is not ModelCopyException)
            {
                // The silo is dead or unreachable: a copy number not in use, placed away from that silo.
                last = e;
                if (SiloAddressOf(key) is { } dead)
                {
                    avoid.Add(dead);
                }

                LogRetry(logger, key, e.Message);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new ModelCopyException(CopyFailure.InferenceFailed, $"deadline exceeded on copy {key}" + Describe(last), 4);
            }
            finally
            {
                RequestContext.Remove(Placement.ModelCopyPlacementDirector.AvoidKey);
            }
        }

        throw last as ModelCopyException
            ?? new ModelCopyException(CopyFailure.NoEligibleSilo, $"model '{modelId}': {MaxAttempts} attempts exhausted" + Describe(last));
    }

    /// <summary>
    /// LOADING_FAILED: the model failed to load on as many silos as ModelMesh counts (3), or on every model silo, within
    /// the last 15 minutes (the board shows each silo's failures): FAILED_PRECONDITION with the errors, no new load.
    /// </summary>
    private void ThrowIfLoadingFailed(string modelId, List<string> seen)
    {
        var failures = new List<string>();
        var silosWithModels = 0;
        foreach (var silo in board.Snapshot())
        {
            silosWithModels += silo.HoldsModels ? 1 : 0;
            foreach (var copy in silo.Copies)
            {
                if (copy.ModelId == modelId && copy.State == CopyStateName.Failed)
                {
                    failures.Add($"{(silo.Name.Length > 0 ? silo.Name : silo.Silo.ToString())}: {copy.Error}");
                }
            }
        }

        var count = Math.Max(failures.Count, seen.Count);
        if (count > 0 && (count >= FailedCopiesForLoadingFailed || count >= silosWithModels))
        {
            throw new ModelCopyException(CopyFailure.LoadFailed,
                $"model '{modelId}' failed to load on {count} silo(s): {string.Join("; ", failures.Count > 0 ? failures : seen)}");
        }
    }

    private string? SiloAddressOf(string copyKey)
    {
        foreach (var silo in board.Snapshot())
        {
            if (silo.Copies.Any(c => c.Key == copyKey && c.State != CopyStateName.Failed))
            {
                return silo.Silo.ToParsableString();
            }
        }

        return null;
    }

    /// <summary>A loaded copy on a live, non-draining silo (round robin), else a loading one, else the lowest copy number not tried.</summary>
    private string Choose(string modelId, HashSet<string> tried)
    {
        var loaded = new List<string>();
        var loading = new List<string>();
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var silo in board.Snapshot())
        {
            foreach (var copy in silo.Copies)
            {
                if (copy.ModelId != modelId || copy.State == CopyStateName.Failed)
                {
                    continue;
                }

                shown.Add(copy.Key);
                if (silo.Draining || tried.Contains(copy.Key))
                {
                    continue;
                }

                (copy.State == CopyStateName.Loaded ? loaded : loading).Add(copy.Key);
            }
        }

        var pool = loaded.Count > 0 ? loaded : loading;
        if (pool.Count > 0)
        {
            return pool[(int)((uint)Interlocked.Increment(ref _next) % (uint)pool.Count)];
        }

        for (var n = 0; ; n++)
        {
            var key = new ModelCopyKey(modelId, n).ToString();
            if (!tried.Contains(key) && !shown.Contains(key))
            {
                return key;
            }
        }
    }

    /// <summary>The name of the silo the board shows holding the copy; empty when none does yet.</summary>
    public string SiloOf(string copyKey)
    {
        foreach (var silo in board.Snapshot())
        {
            foreach (var copy in silo.Copies)
            {
                if (copy.Key == copyKey && copy.State != CopyStateName.Failed)
                {
                    return silo.Name.Length > 0 ? silo.Name : silo.Silo.ToString();
                }
            }
        }

        return "";
    }

    /// <summary>The silo is dead or unreachable, or the call was lost with its connection.</summary>
    public static bool IsTransient(Exception e) =>
        e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException
            or ModelCopyException { IsRetryable: true }
        || (e is OrleansException && e is not ModelCopyException);

    private static string Describe(Exception? e) => e is null ? "" : $"; last error: {e.Message}";

    [LoggerMessage(EventId = 4050, Level = LogLevel.Information, Message = "Retrying after copy {CopyKey} failed: {Detail}")]
    private static partial void LogRetry(ILogger logger, string copyKey, string detail);
}
