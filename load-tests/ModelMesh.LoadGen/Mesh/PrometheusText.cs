using System.Globalization;

namespace ModelMesh.LoadGen.Mesh;

/// <summary>
/// A generic reader of the Prometheus text exposition format: every sample line (<c>name{labels} value [timestamp]</c>)
/// becomes (series, value); comments and blank lines are skipped.
/// </summary>
public static class PrometheusText
{
    public static Dictionary<string, double> Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var close = line.LastIndexOf('}');
            var splitAt = close >= 0 ? close + 1 : line.IndexOf(' ', StringComparison.Ordinal);
            if (splitAt <= 0 || splitAt >= line.Length)
            {
                continue;
            }

            var series = line[..splitAt].Trim();
            var rest = line[splitAt..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (rest.Length > 0 && double.TryParse(rest[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                samples[series] = value;
            }
        }

        return samples;
    }

    /// <summary>The metric name of a series (the part before any '{').</summary>
    public static string NameOf(string series)
    {
        var brace = series.IndexOf('{', StringComparison.Ordinal);
        return brace < 0 ? series : series[..brace];
    }

    /// <summary>Whether a metric is a cache counter this tool reports: modelmesh_* about loads, evictions, misses or hits.</summary>
    public static bool IsCacheCounter(string name) =>
        name.StartsWith("modelmesh_", StringComparison.Ordinal)
        && !name.EndsWith("_bucket", StringComparison.Ordinal)
        && (name.Contains("load", StringComparison.Ordinal) || name.Contains("evict", StringComparison.Ordinal)
            || name.Contains("miss", StringComparison.Ordinal) || name.Contains("hit", StringComparison.Ordinal)
            || name.Contains("cache", StringComparison.Ordinal));
}
