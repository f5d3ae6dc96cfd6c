using ModelMesh.Orleans.Copies;
using ModelMesh.Silo.Repository;

namespace ModelMesh.Orleans.Cache;

/// <summary>The load of an admitted copy: bounded concurrency, timeout, measured size corrected under the lock.</summary>
public sealed partial class SiloCopyCache
{
    /// <summary>
    /// Loads the copy's session off the caller's scheduler (an activation's turn must not block on session creation).
    /// The returned task (also <see cref="CopyEntry.Loaded"/>) ends when the copy is loaded or has failed.
    /// </summary>
    /// <param name="traceparent">The W3C traceparent of the request that caused the load: the "load" span (and the fetch and
    /// session spans under it) join that trace.</param>
    public Task StartLoad(CopyEntry entry, string? traceparent = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _ = Task.Run(async () =>
        {
            System.Diagnostics.ActivityContext.TryParse(traceparent, null, out var parent);
            using var activity = Serving.Tracing.ModelMeshActivitySources.Silo.StartActivity("load", System.Diagnostics.ActivityKind.Internal, parent);
            activity?.SetTag("modelmesh.model_id", entry.ModelId);
            activity?.SetTag("modelmesh.copy", entry.KeyText);
            await LoadAsync(entry);
        });
        return entry.Loaded;
    }

    private async Task LoadAsync(CopyEntry entry)
    {
        var started = _time.GetTimestamp();
        try
        {
            await _loadSlots.WaitAsync();
            _metrics?.LoadQueued(_time.GetElapsedTime(started));
            try
            {
                if (entry.State != CopyState.Loading)
                {
                    return; // evicted or released while queued
                }

                var load = _loader.LoadAsync(ToRecord(entry.Registration), entry.Device, CancellationToken.None);
                (LoadedSession Session, long SizeBytes) loaded;
                try
                {
                    loaded = await load.WaitAsync(_options.LoadTimeout, _time);
                }
                catch (TimeoutException)
                {
                    _ = load.ContinueWith(t => t.Result.Session.Retire(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
                    throw new TimeoutException($"load did not finish within {_options.LoadTimeout.TotalSeconds:0.#} s");
                }

                Complete(entry, loaded.Session, loaded.SizeBytes, _time.GetElapsedTime(started));
                _metrics?.LoadCompleted(_time.GetElapsedTime(started));
                _metrics?.ModelLoaded(loaded.SizeBytes);
            }
            finally
            {
                _loadSlots.Release();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _metrics?.LoadFailed();
            Fail(entry, e.Message);
        }

        OnChanged();
    }

    private void Complete(CopyEntry entry, LoadedSession session, long measured, TimeSpan took)
    {
        var now = _time.GetUtcNow();
        var rankBytes = PredictSize(entry.Registration); // the file is here now: its size is known even for a first download
        lock (_gate)
        {
            if (entry.State != CopyState.Loading)
            {
                session.Retire(); // evicted or released while loading
                return;
            }

            if (measured > entry.SizeBytes)
            {
                var plan = PlanLocked(entry.Device, measured, entry, now, lastResort: true, candidateFrequency: _frequency.Estimate(entry.ModelId));
                if (!plan.Admitted)
                {
                    session.Retire();
                    FailLocked(entry, $"measured size {measured} bytes does not fit on {entry.Device}: {plan.RefusalReason}");
                    return;
                }

                EvictLocked(plan.Victims, entry.KeyText);
            }

            entry.Session = session;
            entry.SizeBytes = measured;
            entry.RankBytes = rankBytes;
            entry.State = CopyState.Loaded;
            entry.Touch(now);
        }

        LogLoaded(_logger, entry.KeyText, entry.ModelId, entry.Device, measured, took.TotalMilliseconds);
        entry.Since = _time.GetUtcNow();
        Failures.Clear(entry.ModelId);
        entry.CompleteLoad();
    }

    private void Fail(CopyEntry entry, string error)
    {
        lock (_gate)
        {
            if (entry.State == CopyState.Loading)
            {
                FailLocked(entry, error);
            }
        }
    }

    private void FailLocked(CopyEntry entry, string error)
    {
        entry.State = CopyState.Failed;
        entry.SizeBytes = 0;
        LogLoadFailed(_logger, entry.KeyText, entry.ModelId, error);
        Failures.Record(entry, error);
        entry.FailLoad(new ModelCopyException(CopyFailure.LoadFailed, $"model '{entry.ModelId}' failed to load: {error}"));
    }
}
