using System.Text;

namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary>
/// A plain-text table: a header row, columns padded to their widest cell and two spaces apart, trailing blanks
/// trimmed. Columns whose header starts with '>' are right-aligned (sizes, counts). No colors, so it pipes cleanly.
/// </summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = [];

    public TextTable(params string[] headers)
    {
        _rightAligned = [.. headers.Select(h => h.StartsWith('>'))];
        _headers = [.. headers.Select(h => h.TrimStart('>'))];
    }

    public int RowCount => _rows.Count;

    public void AddRow(params string[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"Expected {_headers.Length} cells, got {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
    }

    public void WriteTo(TextWriter writer)
    {
        var widths = new int[_headers.Length];
        foreach (var row in _rows.Prepend(_headers))
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        foreach (var row in _rows.Prepend(_headers))
        {
            var line = new StringBuilder();
            for (var i = 0; i < row.Length; i++)
            {
                if (i > 0)
                {
                    line.Append("  ");
                }

                line.Append(_rightAligned[i] ? row[i].PadLeft(widths[i]) : row[i].PadRight(widths[i]));
            }

            writer.WriteLine(line.ToString().TrimEnd());
        }
    }
}
