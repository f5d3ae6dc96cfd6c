using System.Globalization;

namespace ModelMesh.Benchmarks.Common;

/// <summary>A console table: first column left-aligned, the others right-aligned, widths from the content.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void Write(TextWriter writer)
    {
        var widths = new int[headers.Length];
        foreach (var row in _rows.Prepend(headers))
        {
            for (var i = 0; i < widths.Length && i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        writer.WriteLine();
        WriteRow(writer, headers, widths);
        writer.WriteLine(new string('-', widths.Sum() + (2 * (widths.Length - 1))));
        foreach (var row in _rows)
        {
            WriteRow(writer, row, widths);
        }
    }

    /// <summary>Invariant-culture number with a fixed format; "n/a" for NaN or infinity.</summary>
    public static string N(double value, string format = "F1") =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    public static string I(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static void WriteRow(TextWriter writer, string[] row, int[] widths)
    {
        var cells = new string[widths.Length];
        for (var i = 0; i < widths.Length; i++)
        {
            var cell = i < row.Length ? row[i] : "";
            cells[i] = i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]);
        }

        writer.WriteLine(string.Join("  ", cells).TrimEnd());
    }
}
