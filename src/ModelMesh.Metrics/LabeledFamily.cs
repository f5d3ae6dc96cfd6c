using System.Collections.Concurrent;

namespace ModelMesh.Metrics;

/// <summary>
/// A family whose series are child objects (<see cref="Counter"/>, <see cref="Gauge"/>, <see cref="Histogram"/>) keyed by
/// label values. <see cref="WithLabels"/> returns the cached child for a label set; hold on to it to observe without
/// any lookup. Lookups are lock-free and do not allocate; only the first use of a label set takes a lock.
/// <para>
/// Cardinality cap: at most <see cref="MaxSeries"/> label sets get a series of their own. Once the family is full, a
/// new label set folds into the overflow series, whose every label value is <see cref="OverflowValue"/>, and
/// <see cref="FoldedCount"/> counts the lookups that folded (the registry exposes it as
/// <c>metrics_series_folded_total{metric="..."}</c>).
/// </para>
/// </summary>
public abstract class LabeledFamily<TChild> : MetricFamily
    where TChild : class
{
    public const int DefaultMaxSeries = 1000;

    public const string OverflowValue = "other";

    private readonly ConcurrentDictionary<LabelKey, TChild> _children = new(LabelKeyComparer.Instance);
    private readonly ConcurrentDictionary<LabelKey, TChild>.AlternateLookup<ReadOnlySpan<string>> _lookup;
    private readonly Lock _gate = new();
    private Series[] _series = [];
    private long _folded;
    private TChild? _overflow;

    protected LabeledFamily(string name, string help, MetricType type, IReadOnlyList<string> labelNames, int maxSeries)
        : base(name, help, type, labelNames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSeries, 1);
        MaxSeries = maxSeries;
        _lookup = _children.GetAlternateLookup<ReadOnlySpan<string>>();
    }

    public int MaxSeries { get; }

    public override long FoldedCount => Volatile.Read(ref _folded);

    /// <summary>The number of series the family has now (the overflow series included).</summary>
    public int SeriesCount => Volatile.Read(ref _series).Length;

    /// <summary>The child for these label values (one per label name, in order); created on first use.</summary>
    public TChild WithLabels(params ReadOnlySpan<string> labelValues)
    {
        if (labelValues.Length != LabelNames.Count)
        {
            throw new ArgumentException($"{Name} has {LabelNames.Count} label(s), got {labelValues.Length} value(s)", nameof(labelValues));
        }

        return _lookup.TryGetValue(labelValues, out var child) ? child : AddOrFold(labelValues);
    }

    protected abstract TChild CreateChild();

    protected abstract void WriteChild(ExpositionWriter writer, string[] labelValues, TChild child);

    protected override void WriteSeries(ExpositionWriter writer)
    {
        foreach (var series in Volatile.Read(ref _series))
        {
            WriteChild(writer, series.LabelValues, series.Child);
        }
    }

    private TChild AddOrFold(ReadOnlySpan<string> labelValues)
    {
        foreach (var value in labelValues)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(labelValues));
        }

        if (Volatile.Read(ref _series).Length >= MaxSeries)
        {
            return Fold();
        }

        lock (_gate)
        {
            if (_lookup.TryGetValue(labelValues, out var existing))
            {
                return existing;
            }

            return _series.Length >= MaxSeries ? Fold() : Add(labelValues.ToArray());
        }
    }

    private TChild Fold()
    {
        Interlocked.Increment(ref _folded);
        return Volatile.Read(ref _overflow) ?? AddOverflow();
    }

    private TChild AddOverflow()
    {
        var overflow = new string[LabelNames.Count];
        Array.Fill(overflow, OverflowValue);
        lock (_gate)
        {
            _overflow ??= _lookup.TryGetValue(overflow, out var existing) ? existing : Add(overflow);
            return _overflow;
        }
    }

    private TChild Add(string[] labelValues)
    {
        var child = CreateChild();
        _children[new LabelKey(labelValues)] = child;
        _series = [.. _series, new Series(labelValues, child)];
        return child;
    }

    private sealed record Series(string[] LabelValues, TChild Child);
}
