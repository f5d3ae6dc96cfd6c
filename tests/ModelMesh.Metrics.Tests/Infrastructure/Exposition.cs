using System.Globalization;

namespace ModelMesh.Metrics.Tests.Infrastructure;

/// <summary>Reads sample values out of a text exposition.</summary>
internal static class Exposition
{
    /// <summary>The value of the sample line that starts with <paramref name="series"/> (null when absent).</summary>
    public static double? Find(string exposition, string series)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>The value of a sample that must be present.</summary>
    public static double Value(string exposition, string series) =>
        Find(exposition, series) ?? throw new Xunit.Sdk.XunitException($"no sample {series} in:\n{exposition}");

    /// <summary>The family names declared by <c># TYPE</c> lines, with their types.</summary>
    public static Dictionary<string, string> Families(string exposition) =>
        exposition.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal))
            .Select(l => l.Split(' '))
            .ToDictionary(f => f[2], f => f[3], StringComparer.Ordinal);
}
