namespace ModelMesh.Metrics;

/// <summary>
/// A histogram family: one <see cref="Histogram"/> per label set, all with the same buckets. Writes
/// <c>name_bucket{...,le="bound"}</c> (cumulative, ending with <c>le="+Inf"</c>), <c>name_sum</c> and <c>name_count</c>.
/// </summary>
public sealed class HistogramFamily : LabeledFamily<Histogram>
{
    private readonly double[] _bounds;
    private readonly string[] _le;
    private readonly string _bucketName;
    private readonly string _sumName;
    private readonly string _countName;

    public HistogramFamily(string name, string help, IReadOnlyList<string> labelNames, IReadOnlyList<double>? buckets = null, int maxSeries = DefaultMaxSeries)
        : base(name, help, MetricType.Histogram, labelNames, maxSeries)
    {
        _bounds = Buckets.Validate(buckets ?? Buckets.LatencySeconds);
        _le = [.. _bounds.Select(ExpositionWriter.FormatDouble), "+Inf"];
        _bucketName = name + "_bucket";
        _sumName = name + "_sum";
        _countName = name + "_count";
    }

    public IReadOnlyList<double> Bounds => _bounds;

    public override IEnumerable<string> SampleNames => [_bucketName, _sumName, _countName];

    protected override Histogram CreateChild() => new(_bounds);

    protected override void WriteChild(ExpositionWriter writer, string[] labelValues, Histogram child)
    {
        Span<long> cumulative = _le.Length <= 64 ? stackalloc long[_le.Length] : new long[_le.Length];
        var sum = child.Snapshot(cumulative);
        for (var i = 0; i < _le.Length; i++)
        {
            writer.WriteSample(_bucketName, LabelNames, labelValues, cumulative[i], "le", _le[i]);
        }

        writer.WriteSample(_sumName, LabelNames, labelValues, sum);
        writer.WriteSample(_countName, LabelNames, labelValues, cumulative[^1]);
    }
}
