using System.Collections.Concurrent;
using Prometheus;

namespace ModelMesh.Metrics;

/// <summary>
/// A prometheus-net family (histogram, counter or gauge) behind a child cache and a series cap.
/// <para>
/// <see cref="WithLabels"/> returns the cached prometheus-net child for a label set: the lookup is lock-free and does
/// not allocate (a <see cref="ReadOnlySpan{T}"/> of values is compared with the stored keys), so the request path can
/// look a child up per call; only the first use of a label set takes a lock and asks prometheus-net for the child.
/// </para>
/// <para>
/// Cap: at most <see cref="MaxSeries"/> label sets get a series of their own. Once the family is full, a new label set
/// folds into the overflow series, whose every label value is <see cref="OverflowValue"/>, and each such lookup counts
/// in <c>metrics_series_folded_total{metric="family name"}</c> on the same registry (<see cref="FoldedCount"/>).
/// </para>
/// </summary>
public sealed class CappedFamily<TChild>
    where TChild : ChildBase
{
    public const string OverflowValue = "other";

    private const string FoldedHelp = "Label sets folded into a family's overflow series (all label values \"other\") because the family reached its series cap.";

    private readonly Collector<TChild> _collector;
    private readonly string[] _labelNames;
    private readonly Counter _folds;
    private readonly ConcurrentDictionary<LabelKey, TChild> _children = new(LabelKeyComparer.Instance);
    private readonly ConcurrentDictionary<LabelKey, TChild>.AlternateLookup<ReadOnlySpan<string>> _lookup;
    private readonly Lock _gate = new();
    private int _seriesCount;
    private TChild? _overflow;
    private Counter.Child? _folded;

    /// <param name="collector">The family (created on <paramref name="factory"/>'s registry).</param>
    /// <param name="factory">The factory of the same registry: the folded-series counter is created there.</param>
    /// <param name="maxSeries">Label sets that get a series of their own.</param>
    public CappedFamily(Collector<TChild> collector, IMetricFactory factory, int maxSeries)
    {
        ArgumentNullException.ThrowIfNull(collector);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSeries, 1);
        _collector = collector;
        _labelNames = collector.LabelNames;
        _folds = factory.CreateCounter(MetricNames.SeriesFolded, FoldedHelp, ["metric"]);
        MaxSeries = maxSeries;
        _lookup = _children.GetAlternateLookup<ReadOnlySpan<string>>();
    }

    public string Name => _collector.Name;

    public IReadOnlyList<string> LabelNames => _labelNames;

    public int MaxSeries { get; }

    /// <summary>The number of series the family has now (the overflow series included).</summary>
    public int SeriesCount => Volatile.Read(ref _seriesCount);

    /// <summary>Lookups that folded into the overflow series.</summary>
    public long FoldedCount => (long)(Volatile.Read(ref _folded)?.Value ?? 0);

    /// <summary>The child for these label values (one per label name, in order); created on first use.</summary>
    public TChild WithLabels(params ReadOnlySpan<string> labelValues)
    {
        if (labelValues.Length != _labelNames.Length)
        {
            throw new ArgumentException($"{Name} has {_labelNames.Length} label(s), got {labelValues.Length} value(s)", nameof(labelValues));
        }

        return _lookup.TryGetValue(labelValues, out var child) ? child : AddOrFold(labelValues);
    }

    private TChild AddOrFold(ReadOnlySpan<string> labelValues)
    {
        foreach (var value in labelValues)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(labelValues));
        }

        if (Volatile.Read(ref _seriesCount) >= MaxSeries)
        {
            return Fold();
        }

        lock (_gate)
        {
            if (_lookup.TryGetValue(labelValues, out var existing))
            {
                return existing;
            }

            return _seriesCount >= MaxSeries ? Fold() : Add(labelValues.ToArray());
        }
    }

    private TChild Fold()
    {
        (Volatile.Read(ref _folded) ?? FoldedChild()).Inc();
        return Volatile.Read(ref _overflow) ?? AddOverflow();
    }

    private Counter.Child FoldedChild()
    {
        lock (_gate)
        {
            return _folded ??= _folds.WithLabels(Name);
        }
    }

    private TChild AddOverflow()
    {
        var overflow = new string[_labelNames.Length];
        Array.Fill(overflow, OverflowValue);
        lock (_gate)
        {
            _overflow ??= _lookup.TryGetValue(overflow, out var existing) ? existing : Add(overflow);
            return _overflow;
        }
    }

    private TChild Add(string[] labelValues)
    {
        var child = _collector.WithLabels(labelValues);
        _children[new LabelKey(labelValues)] = child;
        Volatile.Write(ref _seriesCount, _seriesCount + 1);
        return child;
    }
}
