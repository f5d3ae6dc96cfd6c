using System.Globalization;

namespace ModelMesh.LoadGen.Scenarios;

/// <summary>Parses durations (500ms, 5s, 2m, 1.5s; a bare number is seconds) and sizes (64KiB, 1MiB, 2GB, bytes).</summary>
public static class Units
{
    public static TimeSpan Duration(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        (string number, double scale) = t switch
        {
            _ when t.EndsWith("ms", StringComparison.Ordinal) => (t[..^2], 0.001),
            _ when t.EndsWith('s') => (t[..^1], 1.0),
            _ when t.EndsWith('m') => (t[..^1], 60.0),
            _ when t.EndsWith('h') => (t[..^1], 3600.0),
            _ => (t, 1.0),
        };
        return TimeSpan.FromSeconds(double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture) * scale);
    }

    public static long Size(string text)
    {
        var t = text.Trim();
        (string number, long scale) = t switch
        {
            _ when t.EndsWith("KiB", StringComparison.OrdinalIgnoreCase) => (t[..^3], 1024L),
            _ when t.EndsWith("MiB", StringComparison.OrdinalIgnoreCase) => (t[..^3], 1024L * 1024),
            _ when t.EndsWith("GiB", StringComparison.OrdinalIgnoreCase) => (t[..^3], 1024L * 1024 * 1024),
            _ when t.EndsWith("KB", StringComparison.OrdinalIgnoreCase) => (t[..^2], 1000L),
            _ when t.EndsWith("MB", StringComparison.OrdinalIgnoreCase) => (t[..^2], 1000L * 1000),
            _ when t.EndsWith("GB", StringComparison.OrdinalIgnoreCase) => (t[..^2], 1000L * 1000 * 1000),
            _ when t.EndsWith('B') => (t[..^1], 1L),
            _ => (t, 1L),
        };
        return (long)(double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture) * scale);
    }
}
