using ModelMesh.Orleans.Copies;
using ModelMesh.Orleans.Registrations;
using ModelMesh.Silo.Repository;

namespace ModelMesh.Orleans.Cache;

/// <summary>
/// One copy in a silo's <see cref="SiloCopyCache"/>. State, size and session change under the cache's lock; the
/// in-flight count and last use are atomic counters updated per request.
/// </summary>
public sealed class CopyEntry
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private long _lastUsedTicks;

    internal CopyEntry(ModelCopyKey key, ModelRegistration registration, string device, long reservedBytes, IGrainContext? grain, DateTimeOffset now)
    {
        Key = key;
        KeyText = key.ToString();
        Registration = registration;
        Device = device;
        SizeBytes = reservedBytes;
        RankBytes = reservedBytes;
        Grain = grain;
        _lastUsedTicks = now.UtcTicks;
        Since = now;
        _loaded.Task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    public ModelCopyKey Key { get; }

    public string KeyText { get; }

    public string ModelId => Key.ModelId;

    public ModelRegistration Registration { get; }

    public string Device { get; }

    public CopyState State { get; internal set; } = CopyState.Loading;

    /// <summary>When the copy entered its state (admitted, loaded).</summary>
    public DateTimeOffset Since { get; internal set; }

    /// <summary>Bytes accounted on the device: the prediction while loading, the measurement once loaded, 0 once failed or retired.</summary>
    public long SizeBytes { get; internal set; }

    /// <summary>
    /// The size eviction order weighs the copy by: the prediction from the model's file (re-made once the file is here),
    /// stable where the measurement is noisy (CacheEntry.RankBytes).
    /// </summary>
    public long RankBytes { get; internal set; }

    internal LoadedSession? Session { get; set; }

    /// <summary>The activation holding the copy: eviction deactivates it.</summary>
    internal IGrainContext? Grain { get; }

    /// <summary>Completes when the load ends: successfully, or with the <see cref="ModelCopyException"/> that failed it.</summary>
    public Task Loaded => _loaded.Task;

    public int InFlight => Volatile.Read(ref _inFlight);

    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    internal void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastUsedTicks, now.UtcTicks);

    internal void EnterRequest() => Interlocked.Increment(ref _inFlight);

    internal void ExitRequest() => Interlocked.Decrement(ref _inFlight);

    internal void CompleteLoad() => _loaded.TrySetResult();

    internal void FailLoad(ModelCopyException error) => _loaded.TrySetException(error);
}
