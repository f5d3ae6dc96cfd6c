namespace ModelMesh.Metrics;

/// <summary>A counter family: one <see cref="Counter"/> per label set. Names should end in <c>_total</c>.</summary>
public sealed class CounterFamily : LabeledFamily<Counter>
{
    public CounterFamily(string name, string help, IReadOnlyList<string> labelNames, int maxSeries = DefaultMaxSeries)
        : base(name, help, MetricType.Counter, labelNames, maxSeries)
    {
    }

    protected override Counter CreateChild() => new();

    protected override void WriteChild(ExpositionWriter writer, string[] labelValues, Counter child) =>
        writer.WriteSample(Name, LabelNames, labelValues, child.Value);
}
