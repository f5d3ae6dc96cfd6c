using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelMesh.Orleans.Board;
using ModelMesh.Orleans.Copies;
using ModelMesh.Orleans.Registrations;
using ModelMesh.Placement;
using ModelMesh.Silo.Mesh;

namespace ModelMesh.Orleans.Cache;

/// <summary>
/// The model copies activated on this silo and its memory accounting, per device. Keeps the silo-side invariant of
/// placement: this silo is the authority on its memory. Every copy activation is admitted here BEFORE it loads —
/// whether the placement director sent it or a stale location cache re-created it without asking — by reserving its
/// predicted size, evicting least-recently-used idle copies if needed (never one with requests in flight, still
/// loading, or used within the churn guard: <see cref="CachePolicy"/>), or refused with a typed error. The reservation
/// becomes the measured size after the load; a measurement that does not fit fails the copy. No device is ever over
/// its budget. Evicting a copy retires its session (freed when its last request ends) and deactivates its grain.
/// Every lease counts a request in a <see cref="FrequencySketch"/>; with TinyLFU admission (the default) a newcomer
/// evicts idle copies with the lowest recent frequency per byte first, spares first (<see cref="CachePolicy"/>).
/// </summary>
public sealed partial class SiloCopyCache : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CopyEntry> _copies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _copiesPerModel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _capacity = new(StringComparer.Ordinal);
    private readonly CopyCacheOptions _options;
    private readonly CachePolicy _policy;
    private readonly CachePolicy _lastResortPolicy;
    private readonly ModelLoader _loader;
    private readonly TimeProvider _time;
    private readonly Metrics.MeshMetrics? _metrics;
    private readonly IDisposable? _gauges;
    private readonly ILogger<SiloCopyCache> _logger;
    private readonly SemaphoreSlim _loadSlots;
    private readonly Queue<string> _recentEvictions = new();
    private readonly FrequencySketch _frequency;
    private readonly CapacityBoard? _board;
    private long _evictions;
    private volatile bool _draining;

    public SiloCopyCache(
        IOptions<CopyCacheOptions> options, ModelLoader loader, TimeProvider time, ILogger<SiloCopyCache> logger,
        Metrics.MeshMetrics? metrics = null, ILocalSiloDetails? silo = null, CapacityBoard? board = null)
    {
        _board = board;
        ArgumentNullException.ThrowIfNull(options);
        _metrics = metrics;
        if (metrics is not null && silo is not null && options.Value.HoldsModels)
        {
            _gauges = metrics.AddSilo(silo.Name, ReadGauges);
        }

        _options = options.Value;
        _loader = loader;
        _time = time;
        Failures = new LoadFailures(time);
        _logger = logger;
        _policy = new CachePolicy(new CacheOptions
        {
            ChurnGuard = _options.ChurnGuard, LoadTimeout = _options.LoadTimeout, Admission = _options.Admission, FrequencyWindow = _options.FrequencyWindow,
        });
        _lastResortPolicy = new CachePolicy(new CacheOptions
        {
            ChurnGuard = TimeSpan.Zero, LoadTimeout = _options.LoadTimeout, Admission = _options.Admission, FrequencyWindow = _options.FrequencyWindow,
        });
        _frequency = new FrequencySketch(_options.FrequencyWindow);
        _loadSlots = new SemaphoreSlim(_options.MaxConcurrentLoads);
        if (_options.CpuCapacityBytes > 0)
        {
            _capacity["cpu"] = _options.CpuCapacityBytes;
        }

        foreach (var (index, bytes) in _options.GpuCapacityBytes)
        {
            if (bytes > 0)
            {
                _capacity["gpu:" + index] = bytes;
            }
        }
    }

    public IReadOnlyDictionary<string, long> Capacity => _capacity;

    /// <summary>This silo's recent load failures (published on the board).</summary>
    public LoadFailures Failures { get; }

    /// <summary>Copies evicted since start.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>Keys of the last evicted copies, oldest first (at most 64): for status and diagnosis.</summary>
    public IReadOnlyList<string> RecentEvictions()
    {
        lock (_gate)
        {
            return [.. _recentEvictions];
        }
    }

    /// <summary>A draining silo admits no new copy and is published as draining (placement skips it).</summary>
    public bool Draining
    {
        get => _draining;
        set
        {
            _draining = value;
            OnChanged();
        }
    }

    /// <summary>Raised (outside the cache's lock) when a copy finished loading, failed or left, or draining changed: the board republishes.</summary>
    public event Action? Changed;

    private void OnChanged() => Changed?.Invoke();

    /// <summary>The size the copy is reserved at before its load (the same prediction the placement director uses).</summary>
    public long PredictSize(ModelRegistration registration) => _loader.PredictSize(ToRecord(registration));

    /// <summary>
    /// Admits a copy activating on this silo: reserves its predicted bytes on a device of its class, evicting LRU idle
    /// copies as the policy names. Throws <see cref="ModelCopyException"/>: <see cref="CopyFailure.ModelTooLarge"/> when no
    /// device here could ever hold it, <see cref="CopyFailure.SiloFull"/> when it does not fit now.
    /// </summary>
    public CopyEntry Admit(ModelCopyKey key, ModelRegistration registration, IGrainContext? grain, bool lastResort = false)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var predicted = PredictSize(registration);
        var now = _time.GetUtcNow();
        CopyEntry admitted;
        lock (_gate)
        {
            if (RemoveLocked(key.ToString(), out var stale))
            {
                RetireLocked(stale, "replaced by a new activation");
            }

            if (_draining)
            {
                throw new ModelCopyException(CopyFailure.SiloFull, $"copy {key} refused: this silo is draining");
            }

            var device = ChooseDevice(registration.DeviceClass, predicted)
                ?? throw new ModelCopyException(CopyFailure.SiloFull, $"copy {key} refused: this silo has no {registration.DeviceClass} capacity");
            var largest = _capacity.Where(d => (d.Key == "cpu") == (device == "cpu")).Max(d => d.Value);
            if (predicted > largest)
            {
                throw new ModelCopyException(CopyFailure.ModelTooLarge,
                    $"copy {key} needs {predicted} bytes; the largest {registration.DeviceClass} device here holds {largest} bytes");
            }

            _frequency.EnsureCapacity(_copies.Count + 1);
            var plan = PlanLocked(device, predicted, exclude: null, now, lastResort, candidateFrequency: _frequency.Estimate(key.ModelId) + 1);
            if (!plan.Admitted)
            {
                LogRefused(_logger, key.ToString(), predicted, device, plan.RefusalReason ?? "");
                throw new ModelCopyException(CopyFailure.SiloFull, $"copy {key} ({predicted} bytes on {device}) does not fit on this silo now: {plan.RefusalReason}");
            }

            EvictLocked(plan.Victims, key.ToString());
            var entry = new CopyEntry(key, registration, device, predicted, grain, now);
            AddLocked(entry);
            admitted = entry;
        }

        OnChanged();
        return admitted;
    }

    /// <summary>Takes a request's lease on a loaded copy; <see cref="CopyFailure.CopyEvicted"/> when it was evicted meanwhile.</summary>
    public CopyLease Lease(CopyEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry.EnterRequest();
        var session = entry.Session;
        if (entry.State == CopyState.Loaded && session is not null && session.TryAcquire())
        {
            entry.Touch(_time.GetUtcNow());
            _frequency.Increment(entry.ModelId);
            return new CopyLease(entry, session);
        }

        entry.ExitRequest();
        throw new ModelCopyException(CopyFailure.CopyEvicted, $"copy {entry.Key} was evicted from this silo; retry");
    }

    /// <summary>Drops the copy (its activation is deactivating): its bytes are free at once, its session when its last request ends.</summary>
    public void Release(CopyEntry entry, string reason)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            if (_copies.TryGetValue(entry.KeyText, out var current) && ReferenceEquals(current, entry))
            {
                RemoveLocked(entry.KeyText, out _);
            }

            RetireLocked(entry, reason);
        }

        OnChanged();
    }

    /// <summary>Unloads every copy of the model here (it was unregistered): bytes free at once, activations deactivated.</summary>
    public int UnloadModel(string modelId)
    {
        int unloaded;
        lock (_gate)
        {
            var copies = _copies.Values.Where(c => c.ModelId == modelId).ToList();
            foreach (var copy in copies)
            {
                RemoveLocked(copy.KeyText, out _);
                RetireLocked(copy, "unregistered");
                copy.Grain?.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, $"model {modelId} was unregistered"));
            }

            unloaded = copies.Count;
        }

        Failures.Clear(modelId);
        if (unloaded > 0)
        {
            OnChanged();
        }

        return unloaded;
    }

    public IReadOnlyList<CopyEntry> Copies()
    {
        lock (_gate)
        {
            return [.. _copies.Values];
        }
    }

    /// <summary>Bytes held on a device (reservations of loading copies and measurements of loaded ones).</summary>
    public long UsedBytes(string device)
    {
        lock (_gate)
        {
            return UsedLocked(device, exclude: null);
        }
    }

    /// <summary>Each device's budget and the bytes its copies hold now.</summary>
    public IReadOnlyList<DeviceUse> Devices()
    {
        lock (_gate)
        {
            return [.. _capacity.Select(d => new DeviceUse { Name = d.Key, CapacityBytes = d.Value, UsedBytes = UsedLocked(d.Key, exclude: null) })];
        }
    }

    /// <summary>True when a copy of the model (loading or loaded) is on this silo.</summary>
    public bool HoldsModel(string modelId)
    {
        lock (_gate)
        {
            return _copiesPerModel.ContainsKey(modelId);
        }
    }

    /// <summary>True when this silo holds the copy (an activation admitted here, loading or loaded).</summary>
    public bool HoldsCopy(string copyKey)
    {
        lock (_gate)
        {
            return _copies.ContainsKey(copyKey);
        }
    }

    /// <summary>
    /// What placement needs of this silo, read fresh: the device numbers and counters of <see cref="Snapshot"/> without
    /// its per-copy lists (a silo holding thousands of copies would otherwise build them for every placement). Pair it
    /// with <see cref="HoldsModel"/>, <see cref="HoldsCopy"/> and <see cref="Failures"/>.
    /// </summary>
    public SiloCapacity PlacementView(SiloAddress silo)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var (devices, oldest) = DevicesLocked(now);
            int loading = 0, inFlight = 0;
            foreach (var copy in _copies.Values)
            {
                loading += copy.State == CopyState.Loading ? 1 : 0;
                inFlight += copy.InFlight;
            }

            return new SiloCapacity
            {
                Silo = silo, Sequence = long.MaxValue, Draining = _draining, Devices = devices, Loading = loading,
                LoadSlots = _options.MaxConcurrentLoads, InFlight = inFlight, OldestLruAt = oldest, CopyCount = _copies.Count,
            };
        }
    }

    private (List<DeviceUse> Devices, DateTimeOffset OldestLru) DevicesLocked(DateTimeOffset now)
    {
        var devices = new List<DeviceUse>(_capacity.Count);
        var oldest = DateTimeOffset.MaxValue;
        foreach (var (device, capacity) in _capacity)
        {
            var entries = EntriesLocked(device, exclude: null, withFrequency: false);
            devices.Add(new DeviceUse
            {
                Name = device,
                CapacityBytes = capacity,
                UsedBytes = UsedLocked(device, exclude: null),
                EvictableBytes = _policy.EvictableBytes(entries, now),
            });
            var candidate = _policy.OldestEvictable(entries, now);
            oldest = candidate < oldest ? candidate : oldest;
        }

        return (devices, oldest);
    }

    /// <summary>What this silo publishes to the others (<see cref="SiloCapacity"/>).</summary>
    public SiloCapacity Snapshot(SiloAddress silo, long sequence, string name = "")
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var (devices, oldest) = DevicesLocked(now);
            var models = new HashSet<string>(StringComparer.Ordinal);
            var keys = new List<string>(_copies.Count);
            var views = new List<CopyView>(_copies.Count);
            int loading = 0, inFlight = 0;
            foreach (var copy in _copies.Values)
            {
                models.Add(copy.ModelId);
                keys.Add(copy.KeyText);
                views.Add(new CopyView
                {
                    Key = copy.KeyText, ModelId = copy.ModelId, Device = copy.Device, SizeBytes = copy.SizeBytes, Since = copy.Since,
                    State = copy.State == CopyState.Loaded ? CopyStateName.Loaded : CopyStateName.Loading,
                });
                loading += copy.State == CopyState.Loading ? 1 : 0;
                inFlight += copy.InFlight;
            }

            return new SiloCapacity
            {
                Silo = silo,
                Sequence = sequence,
                Draining = _draining,
                Devices = devices,
                Models = [.. models],
                CopyKeys = keys,
                Loading = loading,
                LoadSlots = _options.MaxConcurrentLoads,
                InFlight = inFlight,
                OldestLruAt = oldest,
                CopyCount = keys.Count,
                Copies = [.. views, .. Failures.Current().Where(f => !models.Contains(f.ModelId))],
                Name = name,
            };
        }
    }

    /// <summary>
    /// The CPU for CPU models. For GPU models, the tightest GPU that fits the copy now (best fit, as the director ranks
    /// devices), else the GPU with the most free bytes (admission then evicts there); null when the silo has no GPU.
    /// </summary>
    private string? ChooseDevice(string deviceClass, long bytes)
    {
        if (!string.Equals(deviceClass, "gpu", StringComparison.OrdinalIgnoreCase))
        {
            return _capacity.ContainsKey("cpu") ? "cpu" : null;
        }

        string? tightest = null, roomiest = null;
        long tightestFree = long.MaxValue, roomiestFree = long.MinValue;
        foreach (var (device, capacity) in _capacity)
        {
            if (!device.StartsWith("gpu:", StringComparison.Ordinal))
            {
                continue;
            }

            var free = capacity - UsedLocked(device, exclude: null);
            if (free >= bytes && free < tightestFree)
            {
                (tightest, tightestFree) = (device, free);
            }

            if (free > roomiestFree)
            {
                (roomiest, roomiestFree) = (device, free);
            }
        }

        return tightest ?? roomiest;
    }

    /// <param name="candidateFrequency">The newcomer's recent requests (TinyLFU admission).</param>
    private EvictionPlan PlanLocked(string device, long bytes, CopyEntry? exclude, DateTimeOffset now, bool lastResort, int candidateFrequency)
    {
        var used = UsedLocked(device, exclude);
        if (bytes <= _capacity[device] - used)
        {
            return EvictionPlan.AdmitNow; // fits: no need to list (and estimate) every copy, the policy would admit at once
        }

        var entries = EntriesLocked(device, exclude);
        var plan = _policy.PlanReservation(_capacity[device], used, bytes, entries, now, candidateFrequency);
        return plan.Admitted || !lastResort ? plan : _lastResortPolicy.PlanReservation(_capacity[device], used, bytes, entries, now, candidateFrequency);
    }

    private void EvictLocked(IReadOnlyList<string> victims, string forKey)
    {
        foreach (var victim in victims)
        {
            if (!RemoveLocked(victim, out var evicted))
            {
                continue;
            }

            LogEvicted(_logger, victim, evicted.ModelId, evicted.SizeBytes, forKey);
            Interlocked.Increment(ref _evictions);
            _recentEvictions.Enqueue(victim);
            if (_recentEvictions.Count > 64)
            {
                _recentEvictions.Dequeue();
            }

            _metrics?.Evicted(_time.GetUtcNow() - evicted.LastUsed);
            RetireLocked(evicted, "evicted");
            evicted.Grain?.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, $"evicted to make room for {forKey}"));
        }
    }

    private void RetireLocked(CopyEntry entry, string reason)
    {
        if (entry.State == CopyState.Retired)
        {
            return;
        }

        entry.State = CopyState.Retired;
        entry.SizeBytes = 0;
        entry.Session?.Retire();
        entry.Session = null;
        entry.FailLoad(new ModelCopyException(CopyFailure.CopyEvicted, $"copy {entry.Key} was {reason} before it loaded; retry"));
        LogRetired(_logger, entry.KeyText, reason);
    }

    /// <summary>The policy's view of a device's copies; the entry's id is the copy key (one model may have one copy per silo, but keys are what eviction names).</summary>
    /// <param name="withFrequency">Whether the entries carry the sketch's estimate (eviction planning); counting and LRU reads do without.</param>
    private List<CacheEntry> EntriesLocked(string device, CopyEntry? exclude, bool withFrequency = true)
    {
        var entries = new List<CacheEntry>(_copies.Count);
        foreach (var c in _copies.Values)
        {
            if (c.Device == device && c.State is CopyState.Loading or CopyState.Loaded && !ReferenceEquals(c, exclude))
            {
                entries.Add(new CacheEntry(c.KeyText, c.SizeBytes, c.LastUsed, c.InFlight, IsSpare: withFrequency && IsSpare(c), IsLoading: c.State == CopyState.Loading,
                    withFrequency ? _frequency.Estimate(c.ModelId) : 0, c.RankBytes));
            }
        }

        return entries;
    }

    /// <summary>
    /// A spare (evicted first) is a copy above 0 while another copy of the model is loaded elsewhere (the board); the last
    /// loaded copy of a model is never a spare, whatever its number (copy 0 may have been evicted or died with its silo).
    /// </summary>
    private bool IsSpare(CopyEntry copy)
    {
        if (copy.Key.Copy == 0)
        {
            return false;
        }

        if (_board is null)
        {
            return true;
        }

        foreach (var (_, other) in _board.CopiesOf(copy.ModelId))
        {
            if (other.State == CopyStateName.Loaded && other.Key != copy.KeyText)
            {
                return true;
            }
        }

        return false;
    }

    private void AddLocked(CopyEntry entry)
    {
        _copies[entry.KeyText] = entry;
        _copiesPerModel[entry.ModelId] = _copiesPerModel.GetValueOrDefault(entry.ModelId) + 1;
    }

    private bool RemoveLocked(string keyText, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CopyEntry? removed)
    {
        if (!_copies.Remove(keyText, out removed))
        {
            return false;
        }

        if (_copiesPerModel.TryGetValue(removed.ModelId, out var count) && count > 1)
        {
            _copiesPerModel[removed.ModelId] = count - 1;
        }
        else
        {
            _copiesPerModel.Remove(removed.ModelId);
        }

        return true;
    }

    private long UsedLocked(string device, CopyEntry? exclude)
    {
        long used = 0;
        foreach (var c in _copies.Values)
        {
            if (c.Device == device && !ReferenceEquals(c, exclude))
            {
                used += c.SizeBytes;
            }
        }

        return used;
    }

    private static Registry.ModelRecord ToRecord(ModelRegistration registration) => new()
    {
        ModelId = registration.ModelId,
        StorageUri = registration.StorageUri,
        StorageKey = registration.StorageKey,
        SizeHintBytes = registration.SizeHintBytes,
        DeviceClass = registration.DeviceClass,
        Version = registration.Version,
    };

    /// <summary>The silo's gauges in /metrics (modelmesh_models_loaded, copies, LRU age, device capacity and use).</summary>
    private Metrics.SiloGaugeReading ReadGauges()
    {
        var copies = Copies();
        var now = _time.GetUtcNow();
        var idle = copies.Where(c => c.State == CopyState.Loaded && c.InFlight == 0).Select(c => c.LastUsed).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        double? lruAge = idle == DateTimeOffset.MaxValue ? null : Math.Max(0, (now - idle).TotalSeconds);
        var devices = Devices().Select(d => new Metrics.DeviceReading(d.Name, d.CapacityBytes, d.UsedBytes)).ToList();
        return new Metrics.SiloGaugeReading(copies.Count(c => c.State == CopyState.Loaded), copies.Count, lruAge, devices);
    }

    public void Dispose()
    {
        _gauges?.Dispose();
        lock (_gate)
        {
            foreach (var copy in _copies.Values)
            {
                RetireLocked(copy, "disposed with the silo");
            }

            _copies.Clear();
            _copiesPerModel.Clear();
        }

        _loadSlots.Dispose();
    }
}
