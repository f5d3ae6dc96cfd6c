namespace ModelMesh.Metrics;

/// <summary>The label values of one series, in the order of its family's label names.</summary>
internal readonly struct LabelKey
{
    public LabelKey(string[] values) => Values = values;

    public string[] Values { get; }
}
