namespace ModelMesh.Metrics;

/// <summary>
/// Validation of metric and label names against the Prometheus data model: metric names match
/// <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>, label names <c>[a-zA-Z_][a-zA-Z0-9_]*</c> and must not start with <c>__</c>
/// (reserved for Prometheus' own use).
/// </summary>
public static class MetricNames
{
    public static bool IsValidMetricName(string? name)
    {
        if (string.IsNullOrEmpty(name) || !(IsLetter(name[0]) || name[0] is '_' or ':'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(IsLetter(c) || char.IsAsciiDigit(c) || c is '_' or ':'))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValidLabelName(string? name)
    {
        if (string.IsNullOrEmpty(name) || !(IsLetter(name[0]) || name[0] == '_') || name.StartsWith("__", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(IsLetter(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    internal static void ValidateMetricName(string name)
    {
        if (!IsValidMetricName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid metric name: it must match [a-zA-Z_:][a-zA-Z0-9_:]*", nameof(name));
        }
    }

    internal static void ValidateLabelNames(IReadOnlyList<string> labelNames, MetricType type)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var label in labelNames)
        {
            if (!IsValidLabelName(label))
            {
                throw new ArgumentException($"'{label}' is not a valid label name: it must match [a-zA-Z_][a-zA-Z0-9_]* and not start with __", nameof(labelNames));
            }

            if (type == MetricType.Histogram && label == "le")
            {
                throw new ArgumentException("'le' is reserved for histogram buckets", nameof(labelNames));
            }

            if (!seen.Add(label))
            {
                throw new ArgumentException($"label '{label}' appears twice", nameof(labelNames));
            }
        }
    }

    private static bool IsLetter(char c) => char.IsAsciiLetter(c);
}
