using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Grpc.Core;
using ModelMesh.Metrics;
using ModelMesh.Placement;
using ModelMesh.Registry;
using ModelMesh.Serving;

namespace ModelMesh.Silo.Mesh;

/// <summary>
/// The silo's copies and its memory accounting, per device. Keeps registry invariant 5: the silo is the
/// authority on its memory — a load is admitted only after reserving its predicted size (evicting LRU idle
/// copies if needed, never one with requests in flight or inside the churn guard), and the reservation is
/// corrected to the measured size after the load; if the measured size does not fit, the copy is dropped.
/// No device is ever over capacity, whatever the registry says. Loads are single-flight per model.
/// Every change is published to the registry through <see cref="CopyPublisher"/> (invariant 1).
/// </summary>
public sealed partial class SiloModelCache : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CachedCopy> _copies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _capacity;
    private readonly ModelLoader _loader;
    private readonly CachePolicy _policy;
    private readonly CachePolicy _lastResortPolicy;
    private readonly IMeshRegistry _registry;
    private readonly CopyPublisher _publisher;
    private readonly SiloIdentity _identity;
    private readonly TimeProvider _time;
    private readonly ILogger<SiloModelCache> _logger;
    private readonly SemaphoreSlim _loadSlots;
    private readonly MeshMetrics _metrics;
    private readonly IDisposable _gauges;

    public SiloModelCache(
        ModelLoader loader, CachePolicy policy, IMeshRegistry registry, CopyPublisher publisher, SiloIdentity identity,
        IOptions<SiloOptions> options, TimeProvider time, ILogger<SiloModelCache> logger, MeshMetrics metrics)
    {
        _loader = loader;
        _policy = policy;
        _lastResortPolicy = new CachePolicy(new CacheOptions
        {
            ChurnGuard = TimeSpan.Zero,
            LoadTimeout = policy.Options.LoadTimeout,
            FailureExpiry = policy.Options.FailureExpiry,
        });
        _registry = registry;
        _publisher = publisher;
        _identity = identity;
        _time = time;
        _logger = logger;
        _loadSlots = new SemaphoreSlim(options.Value.MaxConcurrentLoads);
        _capacity = new Dictionary<string, long>(StringComparer.Ordinal) { ["cpu"] = options.Value.CpuCapacityBytes };
        foreach (var (index, bytes) in options.Value.GpuCapacityBytes)
        {
            _capacity["gpu:" + index] = bytes;
        }

        _metrics = metrics;
        _gauges = metrics.AddSilo(identity.SiloId, ReadGauges);
    }

    public IReadOnlyDictionary<string, long> Capacity => _capacity;

    /// <summary>
    /// A lease on a loaded copy of the model. Absent: loads it when <paramref name="loadIfAbsent"/>, else
    /// UNAVAILABLE so the caller routes elsewhere. A remembered failure: FAILED_PRECONDITION with its error.
    /// </summary>
    public async ValueTask<CopyLease> AcquireAsync(string modelId, bool loadIfAbsent, CancellationToken cancellationToken, bool evictRecent = false)
    {
        while (true)
        {
            CachedCopy? copy;
            lock (_gate)
            {
                copy = FindUsable(modelId);
                if (copy is { State: CopyState.Loaded } && TryLease(copy, out var lease))
                {
                    return lease;
                }
            }

            if (copy is null)
            {
                if (!loadIfAbsent)
                {
                    throw ServingException.Unavailable($"model '{modelId}' is not loaded on silo {_identity.SiloId}");
                }

                var model = await _registry.GetModelAsync(modelId, cancellationToken)
                    ?? throw ServingException.NotFound($"unknown model '{modelId}'");
                lock (_gate)
                {
                    // Another request may have started (or finished) the load while the record was read.
                    copy = FindUsable(modelId) ?? StartLoad(model, spare: false, evictRecent);
                }
            }

            await copy.Loaded.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Loads the model here if it is not (management load, scale-up, drain hand-off) and waits when asked.</summary>
    public async Task<CachedCopy> EnsureLoadedAsync(ModelRecord model, bool spare, bool wait, CancellationToken cancellationToken)
    {
        CachedCopy copy;
        lock (_gate)
        {
            copy = FindUsable(model.ModelId) ?? StartLoad(model, spare, evictRecent: false);
        }

        if (wait)
        {
            await copy.Loaded.Task.WaitAsync(cancellationToken);
        }

        return copy;
    }

    /// <summary>Drops the copy (in-flight requests finish on the retired session). False when not held.</summary>
    public bool Unload(string modelId)
    {
        CachedCopy? copy;
        lock (_gate)
        {
            if (!_copies.Remove(modelId, out copy))
            {
                return false;
            }
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            Retire(copy, "unloaded");
        }
        catch
        {
            _metrics.UnloadFailed();
            throw;
        }

        _metrics.Unloaded(Stopwatch.GetElapsedTime(started));
        return true;
    }

    /// <summary>A snapshot of every copy (for status, heartbeats and republishing).</summary>
    public IReadOnlyList<CachedCopy> Copies()
    {
        lock (_gate)
        {
            return [.. _copies.Values];
        }
    }

    /// <summary>Per device: capacity, bytes used (loading + loaded) and bytes evictable now.</summary>
    public IReadOnlyList<DeviceCapacity> Devices()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var devices = new List<DeviceCapacity>(_capacity.Count);
            foreach (var (device, capacity) in _capacity)
            {
                var entries = EntriesOn(device, exclude: null);
                devices.Add(new DeviceCapacity(device, capacity, UsedOn(device, exclude: null), _policy.EvictableBytes(entries, now)));
            }

            return devices;
        }
    }

    /// <summary>Last use of the least recently used evictable copy; MaxValue when none is evictable.</summary>
    public DateTimeOffset OldestEvictable()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var oldest = DateTimeOffset.MaxValue;
            foreach (var device in _capacity.Keys)
            {
                var candidate = _policy.OldestEvictable(EntriesOn(device, exclude: null), now);
                if (candidate < oldest)
                {
                    oldest = candidate;
                }
            }

            return oldest;
        }
    }

    public CopyRecord ToRecord(CachedCopy copy) => new()
    {
        ModelId = copy.ModelId,
        SiloId = _identity.SiloId,
        Epoch = _identity.Epoch,
        State = copy.State,
        Since = copy.Since,
        SizeBytes = copy.SizeBytes,
        Device = copy.Device,
        Error = copy.Error,
    };

    private CachedCopy? FindUsable(string modelId)
    {
        if (!_copies.TryGetValue(modelId, out var copy))
        {
            return null;
        }

        if (copy.State == CopyState.Failed)
        {
            if (_time.GetUtcNow() - copy.Since < _policy.Options.FailureExpiry)
            {
                throw new ServingException(StatusCode.FailedPrecondition,
                    $"model '{modelId}' failed to load on silo {_identity.SiloId}: {copy.Error}");
            }

            _copies.Remove(modelId);
            _publisher.Remove(modelId);
            return null;
        }

        return copy;
    }

    private bool TryLease(CachedCopy copy, out CopyLease lease)
    {
        copy.EnterRequest();
        if (copy.Session is { } session && session.TryAcquire())
        {
            copy.Touch(_time.GetUtcNow());
            lease = new CopyLease(copy, session);
            return true;
        }

        copy.ExitRequest();
        lease = default;
        return false;
    }

    private void Retire(CachedCopy copy, string reason)
    {
        if (reason == "evicted")
        {
            _metrics.Evicted(_time.GetUtcNow() - copy.LastUsed);
        }

        copy.Session?.Retire();
        copy.Session = null;
        copy.Loaded.TrySetResult();
        _publisher.Remove(copy.ModelId);
        GlibcAllocator.TrimSoon();
        LogCopyDropped(_logger, copy.ModelId, reason, copy.SizeBytes);
    }

    private List<CacheEntry> EntriesOn(string device, CachedCopy? exclude)
    {
        var entries = new List<CacheEntry>();
        foreach (var c in _copies.Values)
        {
            if (c.Device == device && c.State != CopyState.Failed && !ReferenceEquals(c, exclude))
            {
                entries.Add(new CacheEntry(c.ModelId, c.SizeBytes, c.LastUsed, c.InFlight, c.IsSpare, c.State == CopyState.Loading));
            }
        }

        return entries;
    }

    private long UsedOn(string device, CachedCopy? exclude)
    {
        long used = 0;
        foreach (var c in _copies.Values)
        {
            if (c.Device == device && c.State != CopyState.Failed && !ReferenceEquals(c, exclude))
            {
                used += c.SizeBytes;
            }
        }

        return used;
    }

    /// <summary>The instance gauges at scrape time (modelmesh_models_loaded, modelmesh_instance_*).</summary>
    private SiloGaugeReading ReadGauges()
    {
        var copies = Copies();
        var oldest = OldestEvictable();
        double? lruAge = oldest == DateTimeOffset.MaxValue ? null : Math.Max(0, (_time.GetUtcNow() - oldest).TotalSeconds);
        var devices = Devices().Select(d => new DeviceReading(d.Name, d.CapacityBytes, d.UsedBytes)).ToList();
        return new SiloGaugeReading(copies.Count(c => c.State == CopyState.Loaded), copies.Count, lruAge, devices);
    }

    public async ValueTask DisposeAsync()
    {
        _gauges.Dispose();
        foreach (var copy in Copies())
        {
            copy.Session?.Retire();
        }

        await ValueTask.CompletedTask;
    }
}
