using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace ModelMesh.Benchmarks.Cli;

/// <summary>Option factories shared by the mesh benchmark commands (durations, comma-separated lists, --json).</summary>
public static class CommonOptions
{
    public static Option<FileInfo?> Json() => new("--json") { Description = "Also write the results as JSON to this file" };

    public static Option<TimeSpan> Duration(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (DurationParser.TryParse(text, out var value))
            {
                return value;
            }

            result.AddError($"{name}: '{text}' is not a duration (e.g. 10s, 500ms, 1m)");
            return default;
        },
    };

    public static Option<int[]> IntList(string name, string description, int[] defaultValue) => new(name)
    {
        Description = description + " (comma-separated)",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseList(result, name, s => (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0, v)),
    };

    public static Option<double[]> DoubleList(string name, string description, double[] defaultValue) => new(name)
    {
        Description = description + " (comma-separated)",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseList(result, name, s => (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0, v)),
    };

    public static Option<string[]> StringList(string name, string description, string[] allowed, string[] defaultValue) => new(name)
    {
        Description = $"{description}, comma-separated (of {string.Join(", ", allowed)})",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseList(result, name, s => (allowed.Contains(s, StringComparer.Ordinal), s)),
    };

    public static Option<int> Int(string name, string description, int defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
    };

    private static T[] ParseList<T>(ArgumentResult result, string name, Func<string, (bool Ok, T Value)> parse)
    {
        var values = new List<T>();
        foreach (var part in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var (ok, value) = parse(part);
            if (!ok)
            {
                result.AddError($"{name}: '{part}' is not valid here");
                return [];
            }

            values.Add(value);
        }

        return [.. values];
    }
}
