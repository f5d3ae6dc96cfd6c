namespace ModelMesh.Metrics;

/// <summary>Histogram bucket upper bounds (the implicit <c>+Inf</c> bucket is always added).</summary>
public static class Buckets
{
    /// <summary>Latency in seconds from 100 µs to 60 s, roughly 1-2.5-5 per decade.</summary>
    public static IReadOnlyList<double> LatencySeconds { get; } =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    /// <summary>Message sizes in bytes from 256 B to 256 MiB, by factors of 4.</summary>
    public static IReadOnlyList<double> MessageBytes { get; } = Exponential(256, 4, 11);

    /// <summary>Model sizes in bytes from 64 KiB to 64 GiB, by factors of 4.</summary>
    public static IReadOnlyList<double> ModelBytes { get; } = Exponential(65536, 4, 11);

    public static double[] Exponential(double start, double factor, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(start);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(factor, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var bounds = new double[count];
        for (var i = 0; i < count; i++)
        {
            bounds[i] = start * Math.Pow(factor, i);
        }

        return bounds;
    }

    public static double[] Linear(double start, double width, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var bounds = new double[count];
        for (var i = 0; i < count; i++)
        {
            bounds[i] = start + (width * i);
        }

        return bounds;
    }

    /// <summary>Checks that bounds are finite and strictly increasing; a trailing +Inf is dropped.</summary>
    internal static double[] Validate(IReadOnlyList<double> bounds)
    {
        var list = bounds.ToList();
        if (list.Count > 0 && double.IsPositiveInfinity(list[^1]))
        {
            list.RemoveAt(list.Count - 1);
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (!double.IsFinite(list[i]) || (i > 0 && list[i] <= list[i - 1]))
            {
                throw new ArgumentException("bucket bounds must be finite and strictly increasing", nameof(bounds));
            }
        }

        return [.. list];
    }
}
