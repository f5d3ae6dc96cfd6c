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
public sealed partial class ModelCopyRouter(IGrainFactory grains, CapacityBoard board, TimeProvider time, ILogger<ModelCopyRouter> logger)
{
    public const int MaxAttempts = 6;
    private int _next;

    public Task<Immutable<byte[]>> InferAsync(string modelId, Immutable<byte[]> request, DateTime deadlineUtc, CancellationToken ct, RouteTrace? trace = null) =>
        CallAsync(modelId, deadlineUtc, (copy, token) => copy.InferAsync(request, token), ct, trace);

    public Task<byte[]> GetMetadataAsync(string modelId, string name, DateTime deadlineUtc, CancellationToken ct) =>
        CallAsync(modelId, deadlineUtc, (copy, token) => copy.GetMetadataAsync(name, token), ct);

    public Task<CopyStatus> EnsureLoadedAsync(string modelId, DateTime deadlineUtc, CancellationToken ct) =>
        CallAsync(modelId, deadlineUtc, (copy, token) => copy.WaitLoadedAsync(token), ct);

    /// <summary>Deactivates every copy of the model the board shows, anywhere in the cluster.</summary>
    public async Task UnloadAllAsync(string modelId, CancellationToken ct)
    {
        var unloads = new List<Task>();
        foreach (var silo in board.Snapshot())
        {
            foreach (var copy in silo.Copies)
            {
                if (copy.ModelId == modelId && copy.State != CopyStateName.Failed)
                {
                    unloads.Add(grains.GetGrain<IModelCopyGrain>(copy.Key).UnloadAsync());
                }
            }
        }

        try
        {
            await Task.WhenAll(unloads).WaitAsync(ct);
        }
        catch (Exception e) when (IsTransient(e))
        {
            // A copy on a silo that cannot be reached dies with it.
        }
    }

    private async Task<T> CallAsync<T>(
        string modelId, DateTime deadlineUtc, Func<IModelCopyGrain, CancellationToken, Task<T>> call, CancellationToken ct, RouteTrace? trace = null)
    {
        var tried = new HashSet<string>(StringComparer.Ordinal);
        Exception? last = null;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var left = deadlineUtc - time.GetUtcNow().UtcDateTime;
            if (left <= TimeSpan.Zero)
            {
                throw new ModelCopyException(CopyFailure.InferenceFailed, $"deadline passed while routing model '{modelId}'" + Describe(last), 4);
            }

            var key = Choose(modelId, tried);
            tried.Add(key);
            if (trace is not null)
            {
                trace.Attempts = attempt + 1;
                trace.CopyKey = key;
                trace.Silo = SiloOf(key);
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(left);
            try
            {
                return await call(grains.GetGrain<IModelCopyGrain>(key), deadline.Token);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && (IsTransient(e) || e is ModelCopyException { IsRetryable: true }))
            {
                last = e;
                LogRetry(logger, key, e.Message);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new ModelCopyException(CopyFailure.InferenceFailed, $"deadline exceeded on copy {key}" + Describe(last), 4);
            }
        }

        throw last is ModelCopyException { Failure: CopyFailure.NoEligibleSilo or CopyFailure.SiloFull } copyError
            ? new ModelCopyException(CopyFailure.NoEligibleSilo, copyError.Message)
            : new ModelCopyException(CopyFailure.NoEligibleSilo, $"model '{modelId}': {MaxAttempts} attempts exhausted" + Describe(last));
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
