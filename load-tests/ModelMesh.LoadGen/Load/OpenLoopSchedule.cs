namespace ModelMesh.LoadGen.Load;

/// <summary>
/// The open-loop schedule: request i is due at start + i / rate, whatever happened to the requests before it.
/// Latency is measured from that intended time, not from when the request actually left (which may be later when
/// the client or the server falls behind), so a stall is charged to every request it delayed: the correction for
/// coordinated omission (Gil Tene; wrk2).
/// </summary>
public readonly record struct OpenLoopSchedule
{
    public OpenLoopSchedule(double ratePerSecond)
    {
        if (!(ratePerSecond > 0) || double.IsInfinity(ratePerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "The rate must be a positive number of requests per second.");
        }

        RatePerSecond = ratePerSecond;
    }

    public double RatePerSecond { get; }

    public TimeSpan Interval => TimeSpan.FromTicks((long)Math.Round(TimeSpan.TicksPerSecond / RatePerSecond));

    /// <summary>Offset from the start at which request <paramref name="index"/> (0-based) is due.</summary>
    public TimeSpan IntendedOffset(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return TimeSpan.FromTicks((long)Math.Round(index * (TimeSpan.TicksPerSecond / RatePerSecond)));
    }

    /// <summary>How many requests are due by <paramref name="elapsed"/> (those with IntendedOffset(i) &lt;= elapsed).</summary>
    public long DueBy(TimeSpan elapsed)
    {
        if (elapsed < TimeSpan.Zero)
        {
            return 0;
        }

        var due = (long)Math.Floor(elapsed.Ticks * RatePerSecond / TimeSpan.TicksPerSecond) + 1;
        // Guard rounding at the boundary so that DueBy agrees with IntendedOffset exactly.
        while (due > 0 && IntendedOffset(due - 1) > elapsed)
        {
            due--;
        }

        while (IntendedOffset(due) <= elapsed)
        {
            due++;
        }

        return due;
    }

    /// <summary>Total requests scheduled in a window of <paramref name="length"/>: those due strictly before its end.</summary>
    public long CountIn(TimeSpan length) => length <= TimeSpan.Zero ? 0 : DueBy(length - TimeSpan.FromTicks(1));

    /// <summary>Latency charged to a request: completion minus intended time (never negative).</summary>
    public static TimeSpan CorrectedLatency(TimeSpan intended, TimeSpan completed) =>
        completed > intended ? completed - intended : TimeSpan.Zero;
}
