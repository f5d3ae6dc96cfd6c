using System.Diagnostics;

namespace ModelMesh.Metrics;

/// <summary>
/// Counts observations into buckets (non-cumulative counters, one Interlocked increment each) and sums them; the
/// exposition makes the buckets cumulative. The count written is the sum of the buckets, so it always equals the
/// <c>+Inf</c> bucket. NaN goes to the <c>+Inf</c> bucket only.
/// </summary>
public sealed class Histogram
{
    private readonly double[] _bounds;
    private readonly long[] _counts;
    private double _sum;

    internal Histogram(double[] bounds)
    {
        _bounds = bounds;
        _counts = new long[bounds.Length + 1];
    }

    public long Count
    {
        get
        {
            long total = 0;
            foreach (ref var count in _counts.AsSpan())
            {
                total += Volatile.Read(ref count);
            }

            return total;
        }
    }

    public double Sum => Volatile.Read(ref _sum);

    public void Observe(double value)
    {
        Interlocked.Increment(ref _counts[BucketIndex(value)]);
        AtomicDouble.Add(ref _sum, value);
    }

    public void Observe(TimeSpan elapsed) => Observe(elapsed.TotalSeconds);

    /// <summary>Observes the seconds elapsed since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void ObserveSince(long startTimestamp) => Observe(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);

    /// <summary>Copies the cumulative bucket counts (the last is +Inf) and returns the sum.</summary>
    internal double Snapshot(Span<long> cumulative)
    {
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += Volatile.Read(ref _counts[i]);
            cumulative[i] = running;
        }

        return Volatile.Read(ref _sum);
    }

    private int BucketIndex(double value)
    {
        if (double.IsNaN(value))
        {
            return _bounds.Length;
        }

        var index = Array.BinarySearch(_bounds, value);
        return index >= 0 ? index : ~index;
    }
}
