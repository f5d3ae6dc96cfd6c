using System.Diagnostics;
using Grpc.Core;
using ModelMesh.Registry;
using ModelMesh.Serving;
using ModelMesh.Serving.Tracing;

namespace ModelMesh.Silo.Mesh;

/// <summary>Admission (reserve, evict) and the load itself: single flight, bounded concurrency, timeout, failure memory.</summary>
public sealed partial class SiloModelCache
{
    /// <summary>Called under the lock: reserves the predicted size on a device, evicts what the policy names, starts the load.</summary>
    private CachedCopy StartLoad(ModelRecord model, bool spare, bool evictRecent)
    {
        var now = _time.GetUtcNow();
        var predicted = _loader.PredictSize(model);
        var device = ChooseDevice(model.DeviceClass, predicted);
        var plan = PlanAdmission(device, predicted, null, now, evictRecent);
        if (!plan.Admitted)
        {
            // Too large for this silo at all: RESOURCE_EXHAUSTED. Full right now: ABORTED. Either way the silo is
            // healthy: the front door tries another silo for this request without marking this one suspect.
            var code = predicted > _capacity[device] ? StatusCode.ResourceExhausted : StatusCode.Aborted;
            throw new ServingException(code,
                $"silo {_identity.SiloId} cannot admit model '{model.ModelId}' ({predicted} bytes on {device}) now: {plan.RefusalReason}");
        }

        foreach (var victim in plan.Victims)
        {
            if (_copies.Remove(victim, out var evicted))
            {
                LogEvicted(_logger, victim, evicted.SizeBytes, model.ModelId);
                Retire(evicted, "evicted");
            }
        }

        var copy = new CachedCopy(model, device, predicted, spare, now);
        _copies[model.ModelId] = copy;
        _publisher.Put(ToRecord(copy));
        _ = Task.Run(() => RunLoadAsync(copy));
        return copy;
    }

    /// <summary>
    /// The churn guard is a preference, not a wall: placement steers loads to silos that need no guarded
    /// eviction; a silo evicts copies inside the guard only when the front door placed the load as a last resort
    /// (every silo full of recent copies), or to keep a copy whose measured size exceeded its reservation.
    /// Copies with requests in flight or still loading are never evicted.
    /// </summary>
    private Placement.EvictionPlan PlanAdmission(string device, long bytes, CachedCopy? exclude, DateTimeOffset now, bool evictRecent)
    {
        var entries = EntriesOn(device, exclude);
        var used = UsedOn(device, exclude);
        var plan = _policy.PlanReservation(_capacity[device], used, bytes, entries, now);
        if (plan.Admitted || !evictRecent || bytes > _capacity[device])
        {
            return plan;
        }

        var lastResort = _lastResortPolicy.PlanReservation(_capacity[device], used, bytes, entries, now);
        if (lastResort.Admitted)
        {
            LogGuardOverridden(_logger, lastResort.Victims.Count, device);
        }

        return lastResort.Admitted ? lastResort : plan;
    }

    private string ChooseDevice(string deviceClass, long bytes)
    {
        if (deviceClass != "gpu")
        {
            return "cpu";
        }

        string? best = null;
        long bestFree = long.MinValue;
        foreach (var (device, capacity) in _capacity)
        {
            if (device.StartsWith("gpu:", StringComparison.Ordinal) && capacity - UsedOn(device, null) > bestFree)
            {
                best = device;
                bestFree = capacity - UsedOn(device, null);
            }
        }

        return best ?? throw new ServingException(StatusCode.FailedPrecondition,
            $"model needs a GPU ({bytes} bytes) and silo {_identity.SiloId} has none");
    }

    private async Task RunLoadAsync(CachedCopy copy)
    {
        var started = _time.GetUtcNow();
        using var activity = ModelMeshActivitySources.Silo.StartActivity("load");
        activity?.SetTag("modelmesh.model_id", copy.ModelId);
        activity?.SetTag("modelmesh.device", copy.Device);
        try
        {
            var queued = Stopwatch.GetTimestamp();
            await _loadSlots.WaitAsync();
            _metrics.LoadQueued(Stopwatch.GetElapsedTime(queued));
            var loadStarted = Stopwatch.GetTimestamp();
            try
            {
                var load = _loader.LoadAsync(copy.Model, copy.Device, CancellationToken.None);
                (Repository.LoadedSession Session, long SizeBytes) loaded;
                try
                {
                    loaded = await load.WaitAsync(_policy.Options.LoadTimeout, _time);
                }
                catch (TimeoutException)
                {
                    _ = load.ContinueWith(t => t.Result.Session.Retire(), TaskContinuationOptions.OnlyOnRanToCompletion);
                    throw new TimeoutException($"load did not finish within {_policy.Options.LoadTimeout.TotalSeconds:0.#} s");
                }

                _metrics.LoadCompleted(Stopwatch.GetElapsedTime(loadStarted));
                Complete(copy, loaded.Session, loaded.SizeBytes, started);
            }
            finally
            {
                _loadSlots.Release();
            }
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            Fail(copy, e.Message);
        }
    }

    private void Complete(CachedCopy copy, Repository.LoadedSession session, long measured, DateTimeOffset started)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_copies.TryGetValue(copy.ModelId, out var current) || !ReferenceEquals(current, copy))
            {
                session.Retire(); // unloaded while loading
                copy.Loaded.TrySetResult();
                return;
            }

            if (measured > copy.SizeBytes)
            {
                var plan = PlanAdmission(copy.Device, measured, copy, now, evictRecent: true);
                if (!plan.Admitted)
                {
                    session.Retire();
                    FailLocked(copy, $"measured size {measured} bytes does not fit on {copy.Device}: {plan.RefusalReason}", now);
                    return;
                }

                foreach (var victim in plan.Victims)
                {
                    if (_copies.Remove(victim, out var evicted))
                    {
                        LogEvicted(_logger, victim, evicted.SizeBytes, copy.ModelId);
                        Retire(evicted, "evicted");
                    }
                }
            }

            copy.Session = session;
            copy.SizeBytes = measured;
            copy.State = CopyState.Loaded;
            copy.Since = now;
            copy.Touch(now);
            _publisher.Put(ToRecord(copy));
            _publisher.ReleaseClaim(copy.ModelId);
        }

        LogLoaded(_logger, copy.ModelId, copy.Device, measured, (now - started).TotalMilliseconds);
        _metrics.ModelLoaded(measured);
        copy.Loaded.TrySetResult();
    }

    private void Fail(CachedCopy copy, string error)
    {
        lock (_gate)
        {
            if (_copies.TryGetValue(copy.ModelId, out var current) && ReferenceEquals(current, copy))
            {
                FailLocked(copy, error, _time.GetUtcNow());
                return;
            }
        }

        copy.Loaded.TrySetResult();
    }

    private void FailLocked(CachedCopy copy, string error, DateTimeOffset now)
    {
        copy.State = CopyState.Failed;
        copy.Error = error;
        copy.SizeBytes = 0;
        copy.Since = now;
        _publisher.Put(ToRecord(copy));
        _publisher.ReleaseClaim(copy.ModelId);
        LogLoadFailed(_logger, copy.ModelId, error);
        _metrics.LoadFailed();
        copy.Loaded.TrySetResult();
    }
}
