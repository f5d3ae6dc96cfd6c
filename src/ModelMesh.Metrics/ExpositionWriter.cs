using System.Globalization;

namespace ModelMesh.Metrics;

/// <summary>
/// Writes the Prometheus text exposition format, version 0.0.4: <c># HELP</c> and <c># TYPE</c> lines, then one line
/// per sample, <c>name{label="value",...} value</c>, every line ending in <c>\n</c>. Help text escapes <c>\</c> and
/// line feed; label values escape <c>\</c>, <c>"</c> and line feed. Values are shortest round-trip decimals, or
/// <c>NaN</c>, <c>+Inf</c>, <c>-Inf</c>.
/// </summary>
public sealed class ExpositionWriter
{
    /// <summary>The Content-Type of the format this writer produces.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly TextWriter _out;

    public ExpositionWriter(TextWriter output) => _out = output;

    public void WriteHeader(string name, string help, MetricType type)
    {
        _out.Write("# HELP ");
        _out.Write(name);
        _out.Write(' ');
        WriteEscaped(help, escapeQuote: false);
        _out.Write('\n');
        _out.Write("# TYPE ");
        _out.Write(name);
        _out.Write(' ');
        _out.Write(TypeName(type));
        _out.Write('\n');
    }

    public void WriteSample(string name, IReadOnlyList<string> labelNames, ReadOnlySpan<string> labelValues, double value, string? extraLabel = null, string? extraValue = null)
    {
        WriteSeries(name, labelNames, labelValues, extraLabel, extraValue);
        _out.Write(FormatDouble(value));
        _out.Write('\n');
    }

    public void WriteSample(string name, IReadOnlyList<string> labelNames, ReadOnlySpan<string> labelValues, long value, string? extraLabel = null, string? extraValue = null)
    {
        WriteSeries(name, labelNames, labelValues, extraLabel, extraValue);
        _out.Write(value.ToString(CultureInfo.InvariantCulture));
        _out.Write('\n');
    }

    public static string FormatDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    public static string EscapeLabelValue(string value)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new ExpositionWriter(writer).WriteEscaped(value, escapeQuote: true);
        return writer.ToString();
    }

    public static string EscapeHelp(string help)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new ExpositionWriter(writer).WriteEscaped(help, escapeQuote: false);
        return writer.ToString();
    }

    private static string TypeName(MetricType type) => type switch
    {
        MetricType.Counter => "counter",
        MetricType.Gauge => "gauge",
        MetricType.Histogram => "histogram",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private void WriteSeries(string name, IReadOnlyList<string> labelNames, ReadOnlySpan<string> labelValues, string? extraLabel, string? extraValue)
    {
        _out.Write(name);
        if (labelNames.Count > 0 || extraLabel is not null)
        {
            _out.Write('{');
            for (var i = 0; i < labelNames.Count; i++)
            {
                WriteLabel(i > 0, labelNames[i], labelValues[i]);
            }

            if (extraLabel is not null)
            {
                WriteLabel(labelNames.Count > 0, extraLabel, extraValue ?? string.Empty);
            }

            _out.Write('}');
        }

        _out.Write(' ');
    }

    private void WriteLabel(bool comma, string name, string value)
    {
        if (comma)
        {
            _out.Write(',');
        }

        _out.Write(name);
        _out.Write("=\"");
        WriteEscaped(value, escapeQuote: true);
        _out.Write('"');
    }

    private void WriteEscaped(string text, bool escapeQuote)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var escape = text[i] switch
            {
                '\\' => "\\\\",
                '\n' => "\\n",
                '"' when escapeQuote => "\\\"",
                _ => null,
            };
            if (escape is null)
            {
                continue;
            }

            _out.Write(text.AsSpan(start, i - start));
            _out.Write(escape);
            start = i + 1;
        }

        _out.Write(text.AsSpan(start));
    }
}
