namespace ModelMesh.Placement.Simulation;

/// <summary>
/// Seeded request traces whose model popularity follows Zipf's law: the model of rank k (1-based) is asked for
/// with probability proportional to 1 / k^s. Model ids are "model-0001" (the most popular) onwards; each model
/// gets a fixed size drawn log-uniformly between the given bounds. The same seed gives the same trace.
/// </summary>
public sealed class ZipfTraceGenerator
{
    private readonly Random _random;
    private readonly double[] _cumulative;
    private readonly TraceRequest[] _models;

    public ZipfTraceGenerator(int seed, int models, double s, long minSizeBytes = 1_000_000, long maxSizeBytes = 100_000_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(models, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(s);
        ArgumentOutOfRangeException.ThrowIfLessThan(minSizeBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSizeBytes, minSizeBytes);

        _random = new Random(seed);
        _models = new TraceRequest[models];
        _cumulative = new double[models];
        var logMin = Math.Log(minSizeBytes);
        var logMax = Math.Log(maxSizeBytes);
        double total = 0;
        for (var k = 0; k < models; k++)
        {
            var size = (long)Math.Round(Math.Exp(logMin + (_random.NextDouble() * (logMax - logMin))));
            _models[k] = new TraceRequest($"model-{k + 1:D4}", Math.Clamp(size, minSizeBytes, maxSizeBytes));
            total += 1 / Math.Pow(k + 1, s);
            _cumulative[k] = total;
        }

        for (var k = 0; k < models; k++)
        {
            _cumulative[k] /= total;
        }
    }

    /// <summary>The models by popularity rank, with their sizes.</summary>
    public IReadOnlyList<TraceRequest> Models => _models;

    public TraceRequest Next()
    {
        var u = _random.NextDouble();
        var index = Array.BinarySearch(_cumulative, u);
        index = index >= 0 ? index : ~index;
        return _models[Math.Min(index, _models.Length - 1)];
    }

    public TraceRequest[] Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var trace = new TraceRequest[count];
        for (var i = 0; i < count; i++)
        {
            trace[i] = Next();
        }

        return trace;
    }
}
