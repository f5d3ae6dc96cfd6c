using System.Globalization;

namespace ModelMesh.Metrics;

/// <summary>
/// The set of metric families one /metrics endpoint exposes, in registration order. Creating a family whose name is
/// taken returns the existing one when type, label names (and buckets) match, and throws otherwise; names are also
/// checked against the _bucket/_sum/_count samples of histograms. The registry adds
/// <c>metrics_series_folded_total{metric}</c>: label sets folded into a family's overflow series by its cardinality cap.
/// </summary>
public sealed class MetricsRegistry
{
    public const string FoldedMetricName = "metrics_series_folded_total";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, MetricFamily> _bySampleName = new(StringComparer.Ordinal);
    private readonly CallbackFamily _folded;
    private MetricFamily[] _families = [];

    public MetricsRegistry()
    {
        _folded = new CallbackFamily(
            FoldedMetricName,
            "Label sets folded into a family's overflow series (all label values \"other\") because the family reached its series cap.",
            MetricType.Counter,
            ["metric"],
            FoldedSeries);
        _bySampleName[FoldedMetricName] = _folded;
    }

    /// <summary>The registered families, in registration order (the folded-series counter, written last, not included).</summary>
    public IReadOnlyList<MetricFamily> Families => Volatile.Read(ref _families);

    public Counter CreateCounter(string name, string help) => CreateCounterFamily(name, help, []).WithLabels();

    public CounterFamily CreateCounterFamily(string name, string help, IReadOnlyList<string> labelNames, int maxSeries = CounterFamily.DefaultMaxSeries) =>
        GetOrAdd(name, () => new CounterFamily(name, help, labelNames, maxSeries), labelNames);

    public Gauge CreateGauge(string name, string help) => CreateGaugeFamily(name, help, []).WithLabels();

    public GaugeFamily CreateGaugeFamily(string name, string help, IReadOnlyList<string> labelNames, int maxSeries = GaugeFamily.DefaultMaxSeries) =>
        GetOrAdd(name, () => new GaugeFamily(name, help, labelNames, maxSeries), labelNames);

    public Histogram CreateHistogram(string name, string help, IReadOnlyList<double>? buckets = null) =>
        CreateHistogramFamily(name, help, [], buckets).WithLabels();

    public HistogramFamily CreateHistogramFamily(string name, string help, IReadOnlyList<string> labelNames, IReadOnlyList<double>? buckets = null, int maxSeries = HistogramFamily.DefaultMaxSeries)
    {
        var family = GetOrAdd(name, () => new HistogramFamily(name, help, labelNames, buckets, maxSeries), labelNames);
        if (buckets is not null && !family.Bounds.SequenceEqual(Buckets.Validate(buckets)))
        {
            throw new InvalidOperationException($"histogram {name} is already registered with other buckets");
        }

        return family;
    }

    /// <summary>A gauge read at scrape time.</summary>
    public CallbackFamily CreateCallbackGauge(string name, string help, Func<double> read) =>
        CreateCallback(name, help, MetricType.Gauge, [], () => [LabeledValue.Of(read())]);

    /// <summary>A counter or gauge family whose series are read at scrape time.</summary>
    public CallbackFamily CreateCallback(string name, string help, MetricType type, IReadOnlyList<string> labelNames, Func<IEnumerable<LabeledValue>> read) =>
        Register(new CallbackFamily(name, help, type, labelNames, read));

    /// <summary>Adds a family; throws if any of its sample names is taken.</summary>
    public T Register<T>(T family)
        where T : MetricFamily
    {
        ArgumentNullException.ThrowIfNull(family);
        lock (_gate)
        {
            AddLocked(family);
            return family;
        }
    }

    public void WriteTo(TextWriter output)
    {
        var writer = new ExpositionWriter(output);
        foreach (var family in Families)
        {
            family.Write(writer);
        }

        _folded.Write(writer);
    }

    /// <summary>The whole exposition as a string.</summary>
    public string Scrape()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        WriteTo(output);
        return output.ToString();
    }

    private T GetOrAdd<T>(string name, Func<T> create, IReadOnlyList<string> labelNames)
        where T : MetricFamily
    {
        lock (_gate)
        {
            if (_bySampleName.TryGetValue(name, out var existing))
            {
                if (existing is T same && existing.Name == name && existing.LabelNames.SequenceEqual(labelNames))
                {
                    return same;
                }

                throw new InvalidOperationException($"metric {name} is already registered as {existing.Type} {existing.Name}({string.Join(",", existing.LabelNames)})");
            }

            var family = create();
            AddLocked(family);
            return family;
        }
    }

    private void AddLocked(MetricFamily family)
    {
        var names = family.SampleNames.Append(family.Name).Distinct().ToList();
        foreach (var name in names)
        {
            if (_bySampleName.ContainsKey(name))
            {
                throw new InvalidOperationException($"metric name {name} is already registered");
            }
        }

        foreach (var name in names)
        {
            _bySampleName[name] = family;
        }

        _families = [.. _families, family];
    }

    private IEnumerable<LabeledValue> FoldedSeries()
    {
        foreach (var family in Families)
        {
            var folded = family.FoldedCount;
            if (folded > 0)
            {
                yield return LabeledValue.Of(family.Name, folded);
            }
        }
    }
}
