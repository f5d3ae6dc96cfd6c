namespace ModelMesh.LoadGen.Recording;

/// <summary>
/// An HDR-style latency histogram in microseconds: log-linear buckets, exact below 2 x <see cref="SubBuckets"/> us,
/// then <see cref="SubBuckets"/> linear buckets per power of two (relative error under 1/128, about 0.8%).
/// Values are clamped to [0, <see cref="MaxValue"/>]. Recording is lock-free (Interlocked) and may run on many threads.
/// </summary>
public sealed class LatencyHistogram
{
    public const int SubBucketBits = 7;
    public const int SubBuckets = 1 << SubBucketBits;

    /// <summary>Largest recordable value: 2^36 us (about 19 hours).</summary>
    public const long MaxValue = (1L << 36) - 1;

    private static readonly int BucketCount = IndexOf(MaxValue) + 1;

    private readonly long[] _counts = new long[BucketCount];
    private long _total;
    private long _sum;
    private long _min = long.MaxValue;
    private long _max;

    public long TotalCount => Interlocked.Read(ref _total);

    public long Min => TotalCount == 0 ? 0 : Interlocked.Read(ref _min);

    public long Max => Interlocked.Read(ref _max);

    public double Mean => TotalCount == 0 ? 0 : (double)Interlocked.Read(ref _sum) / TotalCount;

    /// <summary>Bucket index of a value: the value itself below 2 x SubBuckets, then shift x SubBuckets + mantissa.</summary>
    public static int IndexOf(long value)
    {
        value = Math.Clamp(value, 0, MaxValue);
        if (value < 2 * SubBuckets)
        {
            return (int)value;
        }

        var shift = (int)(63 - long.LeadingZeroCount(value)) - SubBucketBits;
        var mantissa = value >> shift;
        return (int)((shift * SubBuckets) + mantissa);
    }

    /// <summary>The smallest value that falls into bucket <paramref name="index"/>.</summary>
    public static long LowestOf(int index)
    {
        if (index < 2 * SubBuckets)
        {
            return index;
        }

        var shift = (index / SubBuckets) - 1;
        var mantissa = index - (shift * SubBuckets);
        return (long)mantissa << shift;
    }

    /// <summary>The largest value that falls into bucket <paramref name="index"/>.</summary>
    public static long HighestOf(int index) => LowestOf(index + 1) - 1;

    public void Record(long microseconds)
    {
        var value = Math.Clamp(microseconds, 0, MaxValue);
        Interlocked.Increment(ref _counts[IndexOf(value)]);
        Interlocked.Increment(ref _total);
        Interlocked.Add(ref _sum, value);
        UpdateMin(value);
        UpdateMax(value);
    }

    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.TotalCount == 0)
        {
            return;
        }

        for (var i = 0; i < _counts.Length; i++)
        {
            var c = Interlocked.Read(ref other._counts[i]);
            if (c != 0)
            {
                Interlocked.Add(ref _counts[i], c);
            }
        }

        Interlocked.Add(ref _total, other.TotalCount);
        Interlocked.Add(ref _sum, Interlocked.Read(ref other._sum));
        UpdateMin(other.Min);
        UpdateMax(other.Max);
    }

    /// <summary>
    /// The value at a percentile (0..100): the highest value equivalent to the bucket holding the ceil(p x n)-th
    /// smallest recorded value, capped at the exact maximum. 0 when empty.
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        var total = TotalCount;
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(Math.Clamp(percentile, 0, 100) / 100 * total);
        rank = Math.Max(rank, 1);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return Math.Min(HighestOf(i), Max);
            }
        }

        return Max;
    }

    /// <summary>Non-empty buckets as (highest equivalent value, count), ascending.</summary>
    public IEnumerable<(long Value, long Count)> Buckets()
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            var c = Interlocked.Read(ref _counts[i]);
            if (c != 0)
            {
                yield return (HighestOf(i), c);
            }
        }
    }

    private void UpdateMin(long value)
    {
        var current = Interlocked.Read(ref _min);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref _min, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private void UpdateMax(long value)
    {
        var current = Interlocked.Read(ref _max);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref _max, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
