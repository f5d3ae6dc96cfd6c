namespace ModelMesh.Metrics;

/// <summary>One series of a <see cref="CallbackFamily"/>: label values (one per label name, in order) and a value.</summary>
public readonly record struct LabeledValue(string[] LabelValues, double Value)
{
    public static LabeledValue Of(double value) => new([], value);

    public static LabeledValue Of(string labelValue, double value) => new([labelValue], value);
}
