using System.Globalization;
using System.Net;
using System.Text;

namespace ModelMesh.LoadGen.Report;

/// <summary>
/// The self-contained HTML report: headline numbers, latency over time (p50/p99/max per second), throughput and
/// errors per second, the latency-by-percentile distribution, the mesh's cache activity, then the tables.
/// Everything is inline (CSS and SVG); nothing is fetched.
/// </summary>
public static class HtmlReport
{
    public static string Render(RunReport r)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(r.Name)).Append(" - ModelMesh load report</title><style>")
            .Append("body{font-family:'Segoe UI',Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:1140px}")
            .Append("h1{margin:0 0 4px;font-size:24px}h2{font-size:17px;margin:26px 0 8px}.sub{color:#555;margin:2px 0}")
            .Append(".cards{display:flex;gap:10px;margin:16px 0;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:8px;padding:10px 14px;min-width:120px}")
            .Append(".card .v{font-size:22px;font-weight:600}.card .k{color:#666;font-size:12px}.bad .v{color:#c62828}")
            .Append("table{border-collapse:collapse;font-size:13px;margin:6px 0}td,th{border:1px solid #ddd;padding:4px 10px;text-align:right}")
            .Append("th{background:#f5f5f5}td:first-child,th:first-child{text-align:left}.chart{margin:8px 0;border:1px solid #eee}")
            .Append("code,pre{font-family:Consolas,monospace;font-size:12px}pre{background:#f7f7f7;padding:8px;white-space:pre-wrap}")
            .Append("</style></head><body>");
        html.Append("<h1>").Append(E(r.Name)).Append("</h1>");
        if (r.Description.Length > 0)
        {
            html.Append("<p class=\"sub\">").Append(E(r.Description)).Append("</p>");
        }

        html.Append("<p class=\"sub\">").Append(E($"{r.Protocol} -> {r.Target} | {r.Load} | {r.Models} | {r.StartedUtc}")).Append("</p>");
        Cards(html, r);
        html.Append("<div class=\"chart\">").Append(LatencyOverTime(r)).Append("</div>");
        html.Append("<div class=\"chart\">").Append(Throughput(r)).Append("</div>");
        html.Append("<div class=\"chart\">").Append(Distribution(r)).Append("</div>");
        if (r.Mesh.Cluster.Count > 1)
        {
            html.Append("<div class=\"chart\">").Append(ClusterChart(r)).Append("</div>");
        }

        Tables(html, r);
        html.Append("</body></html>");
        return html.ToString();
    }

    private static void Cards(StringBuilder html, RunReport r)
    {
        var s = r.Summary;
        html.Append("<div class=\"cards\">");
        Card(html, "throughput (ok/s)", s.ThroughputPerSecond.ToString("0.0", CultureInfo.InvariantCulture), false);
        Card(html, "p50", Ms(s.P50Ms), false);
        Card(html, "p99", Ms(s.P99Ms), false);
        Card(html, "p99.9", Ms(s.P999Ms), false);
        Card(html, "max", Ms(s.MaxMs), false);
        Card(html, "errors", s.Failed.ToString("N0", CultureInfo.InvariantCulture), s.Failed > 0);
        var loads = r.Mesh.EmbeddedEvents.Count > 0
            ? r.Mesh.EmbeddedEvents.GetValueOrDefault("loads").ToString(CultureInfo.InvariantCulture)
            : r.Mesh.LoadsSeenInSnapshots.ToString(CultureInfo.InvariantCulture);
        var evictions = r.Mesh.EmbeddedEvents.Count > 0
            ? r.Mesh.EmbeddedEvents.GetValueOrDefault("evictions").ToString(CultureInfo.InvariantCulture)
            : r.Mesh.EvictionsSeenInSnapshots.ToString(CultureInfo.InvariantCulture);
        Card(html, "model loads", loads, false);
        Card(html, "evictions", evictions, false);
        html.Append("</div>");
    }

    private static void Card(StringBuilder html, string key, string value, bool bad)
    {
        html.Append("<div class=\"card").Append(bad ? " bad" : string.Empty).Append("\"><div class=\"v\">").Append(E(value))
            .Append("</div><div class=\"k\">").Append(E(key)).Append("</div></div>");
    }

    private static string LatencyOverTime(RunReport r)
    {
        var chart = new SvgChart
        {
            Title = "Latency over time (successful requests, by intended send second; coordinated-omission corrected)",
            XLabel = "seconds into the measured window",
            YLabel = "latency (ms, log scale)",
            LogY = true,
            XMin = 0,
            XMax = Math.Max(1, r.PerSecond.Count),
        };
        var rows = r.PerSecond.Where(x => x.Requests - x.Errors > 0).ToList();
        chart.Series.Add(new ChartSeries("p50", "#1f77b4", [.. rows.Select(x => (x.Second + 0.5, x.P50Ms))]));
        chart.Series.Add(new ChartSeries("p99", "#ff7f0e", [.. rows.Select(x => (x.Second + 0.5, x.P99Ms))]));
        chart.Series.Add(new ChartSeries("max", "#7f7f7f", [.. rows.Select(x => (x.Second + 0.5, x.MaxMs))], 1.5, Dashed: true));
        AddMarkers(chart, r);
        return chart.Render();
    }

    private static string Throughput(RunReport r)
    {
        var chart = new SvgChart
        {
            Title = "Requests per second (by intended send second)",
            XLabel = "seconds into the measured window",
            YLabel = "requests / s",
            XMin = 0,
            XMax = Math.Max(1, r.PerSecond.Count),
        };
        chart.Series.Add(new ChartSeries("ok", "#2ca02c", [.. r.PerSecond.Select(x => (x.Second + 0.5, (double)(x.Requests - x.Errors)))]));
        chart.Series.Add(new ChartSeries("errors", "#d62728", [.. r.PerSecond.Select(x => (x.Second + 0.5, (double)x.Errors))]));
        if (r.Summary.OfferedPerSecond > 0)
        {
            chart.Series.Add(new ChartSeries("offered", "#999999", [(0, r.Summary.OfferedPerSecond), (r.PerSecond.Count, r.Summary.OfferedPerSecond)], 1.5, Dashed: true));
        }

        AddMarkers(chart, r);
        return chart.Render();
    }

    private static string Distribution(RunReport r)
    {
        static double X(double p) => -Math.Log10(1 - (Math.Min(p, 99.999) / 100));
        var chart = new SvgChart
        {
            Title = "Latency by percentile (whole measured window)",
            XLabel = "percentile",
            YLabel = "latency (ms, log scale)",
            LogY = true,
            XMin = 0,
            XMax = 5,
            XTicks = [(0, "0%"), (1, "90%"), (2, "99%"), (3, "99.9%"), (4, "99.99%"), (5, "99.999%")],
        };
        chart.Series.Add(new ChartSeries(r.Protocol, "#9467bd", [.. r.Distribution.Where(p => p.Percentile < 100).Select(p => (X(p.Percentile), p.LatencyMs))], 2.5, Dots: true));
        return chart.Render();
    }

    private static string ClusterChart(RunReport r)
    {
        var chart = new SvgChart
        {
            Title = "Mesh (cluster snapshots): copies, cumulative loads / evictions",
            XLabel = "seconds into the measured window",
            YLabel = "count",
            XMin = Math.Min(0, r.Mesh.Cluster.Min(c => c.AtSeconds)),
            XMax = Math.Max(1, r.PerSecond.Count),
        };
        chart.Series.Add(new ChartSeries("loaded copies", "#8c564b", [.. r.Mesh.Cluster.Select(c => (c.AtSeconds, (double)c.Copies))]));
        chart.Series.Add(new ChartSeries("loads seen", "#17becf", [.. r.Mesh.Cluster.Select(c => (c.AtSeconds, (double)c.LoadsSeen))]));
        chart.Series.Add(new ChartSeries("evictions seen", "#bcbd22", [.. r.Mesh.Cluster.Select(c => (c.AtSeconds, (double)c.EvictionsSeen))]));
        chart.Series.Add(new ChartSeries("silos x10", "#e377c2", [.. r.Mesh.Cluster.Select(c => (c.AtSeconds, c.Silos * 10.0))], 1.5, Dashed: true));
        AddMarkers(chart, r);
        return chart.Render();
    }

    private static void AddMarkers(SvgChart chart, RunReport r)
    {
        foreach (var a in r.Actions)
        {
            chart.Markers.Add((a.AtSeconds, $"{a.Kind} {a.Silo}"));
        }
    }

    private static void Tables(StringBuilder html, RunReport r)
    {
        var s = r.Summary;
        html.Append("<h2>Summary</h2><table><tr><th>requests</th><th>ok</th><th>errors</th><th>warm-up requests</th><th>measured s</th><th>throughput ok/s</th><th>mean</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th></tr><tr>")
            .Append(Td(s.Requests)).Append(Td(s.Succeeded)).Append(Td(s.Failed)).Append(Td(s.WarmupRequests))
            .Append(Td(s.DurationSeconds.ToString("0.#", CultureInfo.InvariantCulture))).Append(Td(s.ThroughputPerSecond.ToString("0.0", CultureInfo.InvariantCulture)))
            .Append(Td(Ms(s.MeanMs))).Append(Td(Ms(s.P50Ms))).Append(Td(Ms(s.P90Ms))).Append(Td(Ms(s.P99Ms))).Append(Td(Ms(s.P999Ms))).Append(Td(Ms(s.MaxMs)))
            .Append("</tr></table>");

        html.Append("<h2>Errors by code</h2>");
        if (r.Errors.Count == 0)
        {
            html.Append("<p>none</p>");
        }
        else
        {
            html.Append("<table><tr><th>code</th><th>count</th><th>first detail</th></tr>");
            foreach (var (code, count) in r.Errors)
            {
                var detail = r.ErrorSamples.GetValueOrDefault(code) ?? string.Empty;
                html.Append("<tr><td>").Append(E(code)).Append("</td>").Append(Td(count)).Append("<td style=\"text-align:left\">")
                    .Append(E(detail.Length > 240 ? detail[..240] + "..." : detail)).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("<h2>Mesh counters</h2><table><tr><th>counter</th><th>value</th><th>source</th></tr>");
        foreach (var (name, delta) in r.Mesh.Metrics)
        {
            html.Append("<tr><td>").Append(E(name)).Append("</td>").Append(Td(delta.Delta.ToString("0.##", CultureInfo.InvariantCulture))).Append("<td>/metrics (after - before)</td></tr>");
        }

        foreach (var (name, value) in r.Mesh.EmbeddedEvents)
        {
            html.Append("<tr><td>").Append(E(name)).Append("</td>").Append(Td(value)).Append("<td>embedded silos' cache events</td></tr>");
        }

        html.Append("<tr><td>loads seen</td>").Append(Td(r.Mesh.LoadsSeenInSnapshots)).Append("<td>cluster snapshots, 1/s (lower bound)</td></tr>");
        html.Append("<tr><td>evictions seen</td>").Append(Td(r.Mesh.EvictionsSeenInSnapshots)).Append("<td>cluster snapshots, 1/s (lower bound)</td></tr>");
        html.Append("<tr><td>silos lost</td>").Append(Td(r.Mesh.SilosLost)).Append("<td>cluster snapshots</td></tr></table>");
        html.Append("<p class=\"sub\">").Append(E(string.Join(" ", r.Mesh.Sources))).Append("</p>");

        if (r.Actions.Count > 0)
        {
            html.Append("<h2>Actions</h2><table><tr><th>at (s)</th><th>kind</th><th>silo</th><th>done at (s)</th><th>outcome</th></tr>");
            foreach (var a in r.Actions)
            {
                html.Append("<tr><td>").Append(a.AtSeconds.ToString("0.0", CultureInfo.InvariantCulture)).Append("</td><td>").Append(E(a.Kind)).Append("</td><td>").Append(E(a.Silo)).Append("</td>")
                    .Append(Td(a.DoneAtSeconds.ToString("0.00", CultureInfo.InvariantCulture))).Append("<td style=\"text-align:left\">").Append(E(a.Outcome)).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("<h2>Percentiles</h2><table><tr>");
        var shown = r.Distribution.Where(p => p.Percentile is 50 or 75 or 90 or 95 or 99 or 99.5 or 99.9 or 99.99 or 100).ToList();
        foreach (var p in shown)
        {
            html.Append("<th>p").Append(p.Percentile.ToString("0.##", CultureInfo.InvariantCulture)).Append("</th>");
        }

        html.Append("</tr><tr>");
        foreach (var p in shown)
        {
            html.Append(Td(Ms(p.LatencyMs)));
        }

        html.Append("</tr></table>");
        if (r.Notes.Count > 0)
        {
            html.Append("<h2>Notes</h2><ul>");
            foreach (var n in r.Notes)
            {
                html.Append("<li>").Append(E(n)).Append("</li>");
            }

            html.Append("</ul>");
        }

        if (r.Mesh.MeshWarnings.Count > 0)
        {
            html.Append("<h2>Mesh warnings (").Append(r.Mesh.MeshWarningCount).Append(", first 15)</h2><pre>");
            foreach (var w in r.Mesh.MeshWarnings.Take(15))
            {
                html.Append(E(w.Length > 300 ? w[..300] + "..." : w)).Append('\n');
            }

            html.Append("</pre>");
        }

        html.Append("<h2>Command</h2><pre>").Append(E(r.CommandLine)).Append("</pre>");
    }

    private static string Td(long v) => "<td>" + v.ToString("N0", CultureInfo.InvariantCulture) + "</td>";

    private static string Td(string v) => "<td>" + E(v) + "</td>";

    private static string Ms(double ms) => ms >= 1000
        ? (ms / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s"
        : ms >= 10 ? ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : ms.ToString("0.00", CultureInfo.InvariantCulture) + " ms";

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
