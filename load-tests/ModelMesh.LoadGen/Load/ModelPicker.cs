namespace ModelMesh.LoadGen.Load;

/// <summary>
/// Picks the model of each request: <c>uniform</c>, <c>zipf:S</c> (model k of n, 1-based, with probability
/// proportional to 1/k^S; the first model is the most popular) or <c>cycle</c> (round-robin in order, the
/// least-recently-used cache's worst case). Seeded, thread-safe.
/// </summary>
public sealed class ModelPicker
{
    private readonly double[]? _cumulative;
    private readonly bool _cycle;
    private readonly Random _random;
    private readonly Lock _gate = new();
    private long _next;

    private ModelPicker(int count, double[]? cumulative, bool cycle, int seed)
    {
        Count = count;
        _cumulative = cumulative;
        _cycle = cycle;
        _random = new Random(seed);
    }

    public int Count { get; }

    public string Description { get; private init; } = "uniform";

    public static ModelPicker Create(string popularity, int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var text = (popularity ?? "uniform").Trim().ToLowerInvariant();
        if (text is "uniform" or "")
        {
            return new ModelPicker(count, null, false, seed) { Description = "uniform" };
        }

        if (text is "cycle" or "round-robin")
        {
            return new ModelPicker(count, null, true, seed) { Description = "cycle" };
        }

        if (text.StartsWith("zipf", StringComparison.Ordinal))
        {
            var s = text.Length > 4 ? double.Parse(text.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture) : 1.0;
            return new ModelPicker(count, ZipfCumulative(count, s), false, seed) { Description = $"zipf:{s:0.###}" };
        }

        throw new FormatException($"Unknown popularity '{popularity}': expected uniform, zipf:S or cycle.");
    }

    /// <summary>Cumulative Zipf(s) probabilities over ranks 1..n (last element 1).</summary>
    public static double[] ZipfCumulative(int count, double s)
    {
        var weights = new double[count];
        double sum = 0;
        for (var k = 0; k < count; k++)
        {
            sum += 1 / Math.Pow(k + 1, s);
            weights[k] = sum;
        }

        for (var k = 0; k < count; k++)
        {
            weights[k] /= sum;
        }

        weights[count - 1] = 1;
        return weights;
    }

    public int Next()
    {
        if (_cycle)
        {
            return (int)((Interlocked.Increment(ref _next) - 1) % Count);
        }

        double u;
        lock (_gate)
        {
            u = _random.NextDouble();
        }

        if (_cumulative is null)
        {
            return Math.Min((int)(u * Count), Count - 1);
        }

        var index = Array.BinarySearch(_cumulative, u);
        return Math.Min(index >= 0 ? index : ~index, Count - 1);
    }
}
