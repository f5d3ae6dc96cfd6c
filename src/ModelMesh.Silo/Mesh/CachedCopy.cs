using ModelMesh.Registry;
using ModelMesh.Silo.Repository;

namespace ModelMesh.Silo.Mesh;

/// <summary>One copy in the silo's cache. Mutable state is guarded by the cache's lock, except the counters.</summary>
public sealed class CachedCopy(ModelRecord model, string device, long reservedBytes, bool isSpare, DateTimeOffset now)
{
    private int _inFlight;
    private long _lastUsedTicks = now.UtcTicks;

    public ModelRecord Model { get; } = model;

    public string ModelId => Model.ModelId;

    public string Device { get; } = device;

    public CopyState State { get; set; } = CopyState.Loading;

    /// <summary>Bytes accounted on the device: the prediction while loading, the measurement once loaded.</summary>
    public long SizeBytes { get; set; } = reservedBytes;

    public bool IsSpare { get; set; } = isSpare;

    public DateTimeOffset Since { get; set; } = now;

    public LoadedSession? Session { get; set; }

    public string? Error { get; set; }

    /// <summary>Completes when the load ends (loaded or failed).</summary>
    public TaskCompletionSource Loaded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int InFlight => Volatile.Read(ref _inFlight);

    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastUsedTicks, now.UtcTicks);

    public void EnterRequest() => Interlocked.Increment(ref _inFlight);

    public void ExitRequest() => Interlocked.Decrement(ref _inFlight);
}
