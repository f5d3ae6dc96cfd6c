using System.Globalization;
using System.Net;
using System.Text;

namespace ModelMesh.LoadGen.Report;

/// <summary>
/// A small self-contained SVG line chart: several series, linear or log-10 Y axis, automatic or given X ticks,
/// vertical markers (scenario actions) and a legend. No scripts, no external resources.
/// </summary>
public sealed class SvgChart
{
    private const int Width = 1100;
    private const int Height = 330;
    private const int Left = 70;
    private const int Right = 20;
    private const int Top = 40;
    private const int Bottom = 50;

    public required string Title { get; init; }

    public string XLabel { get; init; } = string.Empty;

    public string YLabel { get; init; } = string.Empty;

    public bool LogY { get; init; }

    public double? XMin { get; init; }

    public double? XMax { get; init; }

    public IReadOnlyList<(double X, string Label)>? XTicks { get; init; }

    public List<ChartSeries> Series { get; } = [];

    public List<(double X, string Label)> Markers { get; } = [];

    public string Render()
    {
        var points = Series.SelectMany(s => s.Points).Where(p => !double.IsNaN(p.Y) && (!LogY || p.Y > 0)).ToList();
        var xMin = XMin ?? (points.Count > 0 ? points.Min(p => p.X) : 0);
        var xMax = XMax ?? (points.Count > 0 ? points.Max(p => p.X) : 1);
        if (xMax <= xMin)
        {
            xMax = xMin + 1;
        }

        var yValues = points.Select(p => p.Y).DefaultIfEmpty(1).ToList();
        double yMin, yMax;
        if (LogY)
        {
            yMin = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(yValues.Min(), 0.001))));
            yMax = Math.Pow(10, Math.Ceiling(Math.Log10(Math.Max(yValues.Max(), yMin * 10))));
        }
        else
        {
            yMin = 0;
            yMax = NiceCeiling(Math.Max(yValues.Max(), 1e-9) * 1.05);
        }

        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        double Px(double x) => Left + ((x - xMin) / (xMax - xMin) * plotW);
        double Py(double y) => LogY
            ? Top + plotH - ((Math.Log10(Math.Max(y, yMin)) - Math.Log10(yMin)) / (Math.Log10(yMax) - Math.Log10(yMin)) * plotH)
            : Top + plotH - ((y - yMin) / (yMax - yMin) * plotH);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" font-family=\"Segoe UI,Helvetica,Arial,sans-serif\" font-size=\"12\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{Height}\" fill=\"#fff\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"22\" font-size=\"15\" font-weight=\"600\" fill=\"#222\">{Esc(Title)}</text>");

        foreach (var (y, label) in YTicks(yMin, yMax))
        {
            var py = F(Py(y));
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{py}\" y2=\"{py}\" stroke=\"#e6e6e6\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{F(Py(y) + 4)}\" text-anchor=\"end\" fill=\"#555\">{Esc(label)}</text>");
        }

        foreach (var (x, label) in XTicks ?? AutoXTicks(xMin, xMax))
        {
            var px = F(Px(x));
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{px}\" x2=\"{px}\" y1=\"{Top}\" y2=\"{Top + plotH}\" stroke=\"#f0f0f0\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{px}\" y=\"{Top + plotH + 16}\" text-anchor=\"middle\" fill=\"#555\">{Esc(label)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotW}\" height=\"{plotH}\" fill=\"none\" stroke=\"#999\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + (plotW / 2)}\" y=\"{Height - 10}\" text-anchor=\"middle\" fill=\"#333\">{Esc(XLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(16,{Top + (plotH / 2)}) rotate(-90)\" text-anchor=\"middle\" fill=\"#333\">{Esc(YLabel)}</text>");

        foreach (var (x, label) in Markers)
        {
            var px = F(Px(x));
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{px}\" x2=\"{px}\" y1=\"{Top}\" y2=\"{Top + plotH}\" stroke=\"#d62728\" stroke-width=\"1.5\" stroke-dasharray=\"6,4\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Px(x) + 4)}\" y=\"{Top + 14}\" fill=\"#d62728\" font-weight=\"600\">{Esc(label)}</text>");
        }

        foreach (var series in Series)
        {
            var path = string.Join(' ', series.Points.Where(p => !double.IsNaN(p.Y) && (!LogY || p.Y > 0)).Select(p => $"{F(Px(p.X))},{F(Py(p.Y))}"));
            if (path.Length == 0)
            {
                continue;
            }

            var dash = series.Dashed ? " stroke-dasharray=\"4,3\"" : string.Empty;
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{series.Color}\" stroke-width=\"{F(series.Width)}\"{dash} stroke-linejoin=\"round\" points=\"{path}\"/>");
            if (series.Dots)
            {
                foreach (var p in series.Points.Where(p => !double.IsNaN(p.Y) && (!LogY || p.Y > 0)))
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(Px(p.X))}\" cy=\"{F(Py(p.Y))}\" r=\"2.5\" fill=\"{series.Color}\"/>");
                }
            }
        }

        var lx = Width - Right - 10;
        for (var i = Series.Count - 1; i >= 0; i--)
        {
            var s = Series[i];
            var w = 30 + (s.Name.Length * 7);
            lx -= w;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{lx}\" x2=\"{lx + 20}\" y1=\"18\" y2=\"18\" stroke=\"{s.Color}\" stroke-width=\"3\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{lx + 24}\" y=\"22\" fill=\"#333\">{Esc(s.Name)}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private IEnumerable<(double Y, string Label)> YTicks(double min, double max)
    {
        if (LogY)
        {
            for (var decade = min; decade <= max * 1.0001; decade *= 10)
            {
                yield return (decade, Number(decade));
                if (max / min <= 1000)
                {
                    foreach (var m in new[] { 2.0, 5.0 })
                    {
                        if (decade * m < max)
                        {
                            yield return (decade * m, Number(decade * m));
                        }
                    }
                }
            }

            yield break;
        }

        var step = NiceCeiling(max / 5);
        for (var y = min; y <= max * 1.0001; y += step)
        {
            yield return (y, Number(y));
        }
    }

    private static IEnumerable<(double X, string Label)> AutoXTicks(double min, double max)
    {
        var step = NiceCeiling((max - min) / 10);
        for (var x = Math.Ceiling(min / step) * step; x <= max + 1e-9; x += step)
        {
            yield return (x, Number(x));
        }
    }

    private static double NiceCeiling(double value)
    {
        if (value <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        var r = value / magnitude;
        var nice = r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private static string Number(double v) => v switch
    {
        >= 1_000_000 => (v / 1_000_000).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (v / 1000).ToString("0.##", CultureInfo.InvariantCulture) + "k",
        >= 1 => v.ToString("0.##", CultureInfo.InvariantCulture),
        _ => v.ToString("0.###", CultureInfo.InvariantCulture),
    };

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Esc(string s) => WebUtility.HtmlEncode(s);
}

/// <summary>One line of a chart.</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<(double X, double Y)> Points, double Width = 2, bool Dashed = false, bool Dots = false);
