namespace ModelMesh.Metrics;

/// <summary>
/// One metric family: a name, help text, a type and a fixed list of label names. Every series of the family has one
/// value per label name. A family writes itself in the text format at scrape time.
/// </summary>
public abstract class MetricFamily
{
    protected MetricFamily(string name, string help, MetricType type, IReadOnlyList<string> labelNames)
    {
        MetricNames.ValidateMetricName(name);
        ArgumentNullException.ThrowIfNull(help);
        MetricNames.ValidateLabelNames(labelNames, type);
        Name = name;
        Help = help;
        Type = type;
        LabelNames = [.. labelNames];
    }

    public string Name { get; }

    public string Help { get; }

    public MetricType Type { get; }

    public IReadOnlyList<string> LabelNames { get; }

    /// <summary>The names of the samples this family writes (a histogram writes _bucket, _sum and _count).</summary>
    public virtual IEnumerable<string> SampleNames => [Name];

    /// <summary>Label sets that did not get a series of their own because the family was at its cap.</summary>
    public virtual long FoldedCount => 0;

    /// <summary>Writes the # HELP and # TYPE lines and every series.</summary>
    public void Write(ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteHeader(Name, Help, Type);
        WriteSeries(writer);
    }

    protected abstract void WriteSeries(ExpositionWriter writer);
}
