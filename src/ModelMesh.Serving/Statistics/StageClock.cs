namespace ModelMesh.Serving.Statistics;

/// <summary>Splits one request's time into stages: each <see cref="Lap"/> returns the nanoseconds since the previous one.</summary>
public sealed class StageClock(TimeProvider time)
{
    private readonly long _start = time.GetTimestamp();
    private long _last = -1;

    /// <summary>Nanoseconds since the previous lap (or the start).</summary>
    public ulong Lap()
    {
        var now = time.GetTimestamp();
        var from = _last < 0 ? _start : _last;
        _last = now;
        return ToNanoseconds(now - from);
    }

    /// <summary>Nanoseconds since the start.</summary>
    public ulong Total() => ToNanoseconds(time.GetTimestamp() - _start);

    private ulong ToNanoseconds(long ticks) =>
        ticks <= 0 ? 0 : (ulong)(ticks * (1_000_000_000.0 / time.TimestampFrequency));
}
