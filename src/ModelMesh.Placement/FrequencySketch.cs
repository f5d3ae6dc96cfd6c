using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace ModelMesh.Placement;

/// <summary>
/// How often each model was asked for lately, in a few KiB however many models there are: TinyLFU's count-min
/// sketch (Einziger, Friedman, Manes, "TinyLFU: A Highly Efficient Cache Admission Policy", 2017). Four rows of
/// saturating 4-bit counters (0-15, kept in bytes) indexed by a stable 64-bit hash of the model id, a doorkeeper
/// bit set that absorbs each key's first request (one-hit wonders never reach the counters), and ageing: after
/// <c>window x held copies</c> increments every counter is halved and the doorkeeper cleared, so yesterday's
/// popular model does not stay protected for ever. The estimate is the smallest of the key's four counters plus
/// its doorkeeper bit; collisions can only over-estimate. Deterministic for a given sequence of calls.
/// Thread safety: increments from concurrent requests may be lost (plain byte writes); the estimate stays a
/// valid approximation and memory stays safe, which is all admission needs. Width changes only in
/// <see cref="EnsureCapacity"/>, which the caller serializes.
/// </summary>
public sealed class FrequencySketch
{
    private const int Rows = 4;
    private const int MaxCount = 15;
    private const int MinimumWidth = 64;

    private readonly int _window;
    private byte[] _counters;
    private ulong[] _doorkeeper;
    private int _mask;
    private long _additions;
    private long _sampleSize;

    /// <param name="window">Increments per held copy between two halvings (<see cref="CacheOptions.FrequencyWindow"/>; cachesim.py's window: 10).</param>
    /// <param name="expectedKeys">Distinct models expected; the width grows later with <see cref="EnsureCapacity"/>.</param>
    public FrequencySketch(int window = CacheOptions.DefaultFrequencyWindow, int expectedKeys = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedKeys);
        _window = window;
        _counters = [];
        _doorkeeper = [];
        Resize(expectedKeys);
        _sampleSize = (long)_window * MinimumWidth;
    }

    /// <summary>Counters per row (a power of two).</summary>
    public int Width => _mask + 1;

    /// <summary>Halvings so far (for tests and diagnosis).</summary>
    public int Resets { get; private set; }

    /// <summary>
    /// Sizes the sketch for <paramref name="heldCopies"/> copies: the ageing period becomes window x held copies
    /// (at least window x 64), and the width grows (dropping what was counted, as Caffeine does) when the copies
    /// outgrow it. Call it when the number of held copies changes; cheap when nothing changes.
    /// </summary>
    public void EnsureCapacity(int heldCopies)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(heldCopies);
        _sampleSize = (long)_window * Math.Max(MinimumWidth, heldCopies);
        if (heldCopies * 4L > Width)
        {
            Resize(heldCopies * 4);
        }
    }

    /// <summary>Counts one request for <paramref name="key"/>; ages the sketch when the sample is full.</summary>
    public void Increment(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = Hash(key);
        var counters = _counters;
        var doorkeeper = _doorkeeper;
        var mask = counters.Length / Rows - 1;
        if (SetDoorkeeper(doorkeeper, hash))
        {
            var min = int.MaxValue;
            for (var row = 0; row < Rows; row++)
            {
                min = Math.Min(min, counters[Index(hash, row, mask)]);
            }

            // Conservative update: only the counters at the minimum grow, which keeps collisions from inflating others.
            if (min < MaxCount)
            {
                for (var row = 0; row < Rows; row++)
                {
                    ref var counter = ref counters[Index(hash, row, mask)];
                    if (counter == min)
                    {
                        counter++;
                    }
                }
            }
        }

        if (Interlocked.Increment(ref _additions) >= Volatile.Read(ref _sampleSize))
        {
            Age();
        }
    }

    /// <summary>Requests for <paramref name="key"/> lately (0-16), an over-estimate only when keys collide.</summary>
    public int Estimate(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = Hash(key);
        var counters = _counters;
        var mask = counters.Length / Rows - 1;
        int min = MaxCount;
        for (var row = 0; row < Rows; row++)
        {
            min = Math.Min(min, counters[Index(hash, row, mask)]);
        }

        return min + (InDoorkeeper(_doorkeeper, hash) ? 1 : 0);
    }

    private void Age()
    {
        Interlocked.Exchange(ref _additions, 0);
        var counters = _counters;
        for (var i = 0; i < counters.Length; i++)
        {
            counters[i] >>= 1;
        }

        Array.Clear(_doorkeeper);
        Resets++;
    }

    private void Resize(int keys)
    {
        var width = (int)Math.Min(1 << 24, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(MinimumWidth, keys)));
        _mask = width - 1;
        _counters = new byte[width * Rows];
        _doorkeeper = new ulong[width / 64 * 2]; // 2 bits per key slot across two hashes: ~2 x width bits
        Interlocked.Exchange(ref _additions, 0);
    }

    private static ulong Hash(string key) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(key.AsSpan()));

    /// <summary>Row <paramref name="row"/>'s counter of the key: double hashing over the two 32-bit halves, rows laid end to end.</summary>
    private static int Index(ulong hash, int row, int mask)
    {
        var h = (uint)hash + ((uint)(hash >> 32) * (uint)(row + 1));
        return (row * (mask + 1)) + (int)(h & (uint)mask);
    }

    private static (int Word1, ulong Bit1, int Word2, ulong Bit2) DoorkeeperBits(ulong[] doorkeeper, ulong hash)
    {
        var bits = (uint)(doorkeeper.Length * 64);
        var b1 = (uint)(hash >> 17) % bits;
        var b2 = (uint)(hash >> 41) % bits;
        return ((int)(b1 / 64), 1UL << (int)(b1 % 64), (int)(b2 / 64), 1UL << (int)(b2 % 64));
    }

    /// <summary>True when the key was already in the doorkeeper (so this request counts); sets its bits otherwise.</summary>
    private static bool SetDoorkeeper(ulong[] doorkeeper, ulong hash)
    {
        var (w1, m1, w2, m2) = DoorkeeperBits(doorkeeper, hash);
        var seen = (doorkeeper[w1] & m1) != 0 && (doorkeeper[w2] & m2) != 0;
        if (!seen)
        {
            Interlocked.Or(ref doorkeeper[w1], m1);
            Interlocked.Or(ref doorkeeper[w2], m2);
        }

        return seen;
    }

    private static bool InDoorkeeper(ulong[] doorkeeper, ulong hash)
    {
        var (w1, m1, w2, m2) = DoorkeeperBits(doorkeeper, hash);
        return (doorkeeper[w1] & m1) != 0 && (doorkeeper[w2] & m2) != 0;
    }
}
