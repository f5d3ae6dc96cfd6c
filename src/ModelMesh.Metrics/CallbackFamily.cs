namespace ModelMesh.Metrics;

/// <summary>
/// A counter or gauge family whose series are read at scrape time from a callback (cache sizes, process statistics,
/// anything that already keeps its own number). The callback must yield each label set at most once; a callback that
/// throws writes no series for that scrape (the HELP and TYPE lines are still written).
/// </summary>
public sealed class CallbackFamily : MetricFamily
{
    private readonly Func<IEnumerable<LabeledValue>> _read;

    public CallbackFamily(string name, string help, MetricType type, IReadOnlyList<string> labelNames, Func<IEnumerable<LabeledValue>> read)
        : base(name, help, type, labelNames)
    {
        if (type == MetricType.Histogram)
        {
            throw new ArgumentException("a callback family is a counter or a gauge", nameof(type));
        }

        ArgumentNullException.ThrowIfNull(read);
        _read = read;
    }

    /// <summary>Series values as of now, as the next scrape would write them.</summary>
    public IReadOnlyList<LabeledValue> Read()
    {
        try
        {
            var values = _read().ToList();
            values.RemoveAll(v => v.LabelValues is null || v.LabelValues.Length != LabelNames.Count || v.LabelValues.Any(l => l is null));
            return values;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return [];
        }
    }

    protected override void WriteSeries(ExpositionWriter writer)
    {
        foreach (var value in Read())
        {
            writer.WriteSample(Name, LabelNames, value.LabelValues, value.Value);
        }
    }
}
