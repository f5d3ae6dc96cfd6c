using System.Collections.Concurrent;

namespace ModelMesh.LoadGen.Recording;

/// <summary>
/// Everything a run measures: an overall latency histogram of successful requests, one histogram per second of the
/// measured window (bucketed by the request's intended send time), and errors by code, overall and per second.
/// Offsets are relative to the start of the measured window; requests intended during warm-up are counted apart.
/// </summary>
public sealed class RunRecorder
{
    private readonly LatencyHistogram[] _perSecond;
    private readonly ConcurrentDictionary<string, long>[] _errorsPerSecond;
    private readonly long[] _completedPerSecond;
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private long _warmupRequests;
    private long _completed;
    private long _failed;

    public RunRecorder(TimeSpan measured)
    {
        Seconds = Math.Max(1, (int)Math.Ceiling(measured.TotalSeconds));
        _perSecond = new LatencyHistogram[Seconds];
        _errorsPerSecond = new ConcurrentDictionary<string, long>[Seconds];
        _completedPerSecond = new long[Seconds];
        for (var i = 0; i < Seconds; i++)
        {
            _perSecond[i] = new LatencyHistogram();
            _errorsPerSecond[i] = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        }
    }

    public int Seconds { get; }

    public LatencyHistogram Overall { get; } = new();

    /// <summary>Latency histogram of successes whose intended send time fell in second <c>i</c>.</summary>
    public IReadOnlyList<LatencyHistogram> PerSecond => _perSecond;

    public IReadOnlyDictionary<string, long> Errors => _errors;

    public IReadOnlyList<IReadOnlyDictionary<string, long>> ErrorsPerSecond => _errorsPerSecond;

    public long Completed => Interlocked.Read(ref _completed);

    public long Failed => Interlocked.Read(ref _failed);

    public long WarmupRequests => Interlocked.Read(ref _warmupRequests);

    public long CompletedInSecond(int second) => Interlocked.Read(ref _completedPerSecond[second]);

    /// <summary>Records one finished request. <paramref name="error"/> is null on success, else its code (e.g. UNAVAILABLE, HTTP 503).</summary>
    public void Record(TimeSpan intendedOffset, TimeSpan latency, string? error)
    {
        if (intendedOffset < TimeSpan.Zero)
        {
            Interlocked.Increment(ref _warmupRequests);
            return;
        }

        var second = (int)(intendedOffset.Ticks / TimeSpan.TicksPerSecond);
        if (second >= Seconds)
        {
            return;
        }

        Interlocked.Increment(ref _completedPerSecond[second]);
        if (error is null)
        {
            var micros = latency.Ticks / (TimeSpan.TicksPerMillisecond / 1000);
            Overall.Record(micros);
            _perSecond[second].Record(micros);
            Interlocked.Increment(ref _completed);
        }
        else
        {
            _errors.AddOrUpdate(error, 1, static (_, c) => c + 1);
            _errorsPerSecond[second].AddOrUpdate(error, 1, static (_, c) => c + 1);
            Interlocked.Increment(ref _failed);
        }
    }
}
