namespace ModelMesh.Metrics;

/// <summary>A gauge family: one <see cref="Gauge"/> per label set.</summary>
public sealed class GaugeFamily : LabeledFamily<Gauge>
{
    public GaugeFamily(string name, string help, IReadOnlyList<string> labelNames, int maxSeries = DefaultMaxSeries)
        : base(name, help, MetricType.Gauge, labelNames, maxSeries)
    {
    }

    protected override Gauge CreateChild() => new();

    protected override void WriteChild(ExpositionWriter writer, string[] labelValues, Gauge child) =>
        writer.WriteSample(Name, LabelNames, labelValues, child.Value);
}
