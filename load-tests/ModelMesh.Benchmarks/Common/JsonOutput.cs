using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh.Benchmarks.Common;

/// <summary>Writes a report object as indented camelCase JSON (NaN and infinity as strings, since JSON has no such numbers).</summary>
public static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write<T>(T report, string? path, TextWriter progress)
    {
        if (path is null)
        {
            return;
        }

        File.WriteAllText(path, JsonSerializer.Serialize(report, Options));
        progress.WriteLine($"JSON written to {path}");
    }
}
