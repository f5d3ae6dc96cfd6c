namespace ModelMesh.Metrics;

/// <summary>
/// Ordinal equality of label value lists; also compares a <see cref="ReadOnlySpan{T}"/> of values with a stored key,
/// so that <c>WithLabels("a", "b")</c> (a params span) finds a cached child without allocating.
/// </summary>
internal sealed class LabelKeyComparer : IEqualityComparer<LabelKey>, IAlternateEqualityComparer<ReadOnlySpan<string>, LabelKey>
{
    public static readonly LabelKeyComparer Instance = new();

    public bool Equals(LabelKey x, LabelKey y) => Equals(x.Values, y);

    public int GetHashCode(LabelKey obj) => GetHashCode(obj.Values);

    public bool Equals(ReadOnlySpan<string> alternate, LabelKey other)
    {
        var values = other.Values;
        if (alternate.Length != values.Length)
        {
            return false;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!string.Equals(alternate[i], values[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(ReadOnlySpan<string> alternate)
    {
        var hash = new HashCode();
        foreach (var value in alternate)
        {
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public LabelKey Create(ReadOnlySpan<string> alternate) => new(alternate.ToArray());
}
