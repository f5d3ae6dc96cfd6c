using System.Globalization;

namespace ModelMesh.Host.Cli;

/// <summary>
/// Byte sizes as people type them on the command line: <c>1048576</c>, <c>512B</c>, <c>64KiB</c>, <c>512MiB</c>,
/// <c>1.5 GiB</c>, <c>2TiB</c> (binary, 1024-based; Kubernetes' <c>Ki</c>/<c>Mi</c>/<c>Gi</c>/<c>Ti</c> too) and
/// <c>kB</c>/<c>MB</c>/<c>GB</c>/<c>TB</c> (decimal, 1000-based). Units are case-insensitive.
/// </summary>
public static class ByteSize
{
    private const long KiB = 1024;
    private const long MiB = KiB * 1024;
    private const long GiB = MiB * 1024;
    private const long TiB = GiB * 1024;

    private static readonly (string Unit, long Bytes)[] Units =
    [
        ("B", 1),
        ("KiB", KiB), ("Ki", KiB), ("MiB", MiB), ("Mi", MiB), ("GiB", GiB), ("Gi", GiB), ("TiB", TiB), ("Ti", TiB),
        ("kB", 1000), ("MB", 1000_000), ("GB", 1000_000_000), ("TB", 1000_000_000_000),
    ];

    private static readonly (string Unit, long Bytes)[] FormatUnits = [("TiB", TiB), ("GiB", GiB), ("MiB", MiB), ("KiB", KiB)];

    /// <summary>Parses a size; throws <see cref="FormatException"/> saying what was wrong and what is accepted.</summary>
    public static long Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var split = 0;
        while (split < trimmed.Length && (char.IsAsciiDigit(trimmed[split]) || trimmed[split] == '.'))
        {
            split++;
        }

        var number = trimmed[..split];
        var unit = trimmed[split..].Trim();
        if (number.Length == 0 || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw Invalid(text, "it does not start with a non-negative number");
        }

        var multiplier = 1L;
        if (unit.Length > 0)
        {
            multiplier = Array.Find(Units, u => string.Equals(u.Unit, unit, StringComparison.OrdinalIgnoreCase)).Bytes;
            if (multiplier == 0)
            {
                throw Invalid(text, $"'{unit}' is not a unit");
            }
        }

        try
        {
            var bytes = decimal.Round(value * multiplier, MidpointRounding.AwayFromZero);
            return bytes <= long.MaxValue ? (long)bytes : throw Invalid(text, "it is too large");
        }
        catch (OverflowException)
        {
            throw Invalid(text, "it is too large");
        }
    }

    /// <summary>Parses a size, returning false (no exception) on bad input.</summary>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (text is null)
        {
            return false;
        }

        try
        {
            bytes = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// The largest binary unit the size reaches, up to two decimals, e.g. <c>0 B</c>, <c>1000 B</c>, <c>1.5 KiB</c>,
    /// <c>512 MiB</c>, <c>1.25 GiB</c>. Exact multiples read back to the same value through <see cref="Parse"/>.
    /// </summary>
    public static string Format(long bytes)
    {
        if (bytes < 0)
        {
            return "-" + Format(bytes == long.MinValue ? long.MaxValue : -bytes);
        }

        foreach (var (unit, size) in FormatUnits)
        {
            // 1048575 B reads "1 MiB", not "1024 KiB": a unit is used once the value rounds to at least 1.00 of it.
            var scaled = decimal.Round((decimal)bytes / size, 2, MidpointRounding.AwayFromZero);
            if (scaled >= 1 && bytes >= KiB)
            {
                return scaled.ToString("0.##", CultureInfo.InvariantCulture) + " " + unit;
            }
        }

        return bytes.ToString(CultureInfo.InvariantCulture) + " B";
    }

    private static FormatException Invalid(string text, string why) =>
        new($"Invalid size '{text}': {why}. Use a whole number of bytes or a number with a unit: B, KiB, MiB, GiB, TiB (1024-based) or kB, MB, GB, TB (1000-based), e.g. 512MiB or 1.5GiB.");
}
