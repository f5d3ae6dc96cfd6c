using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelMesh.Metrics;
using Xunit;

namespace ModelMesh.DeployTests;

/// <summary>
/// deploy/grafana/modelmesh-dashboard.json only uses metric families that <see cref="MeshMetrics"/> defines
/// (a renamed metric breaks this test), and every panel expression is valid PromQL according to promtool.
/// </summary>
public sealed partial class GrafanaDashboardTests
{
    private static readonly string DashboardPath = Path.Combine(AppContext.BaseDirectory, "deploy", "grafana", "modelmesh-dashboard.json");

    [Fact]
    public void DashboardIsAGrafanaDashboardWithAPrometheusDatasourceVariable()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        var root = doc.RootElement;
        Assert.True(root.GetProperty("schemaVersion").GetInt32() >= 36);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("uid").GetString()));
        var variables = root.GetProperty("templating").GetProperty("list").EnumerateArray().ToList();
        Assert.Contains(variables, v => v.GetProperty("name").GetString() == "datasource"
            && v.GetProperty("type").GetString() == "datasource" && v.GetProperty("query").GetString() == "prometheus");

        var panels = Panels(root).Where(p => p.GetProperty("type").GetString() != "row").ToList();
        Assert.True(panels.Count >= 12, $"only {panels.Count} panels");
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        foreach (var panel in panels)
        {
            Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
            Assert.NotEmpty(panel.GetProperty("targets").EnumerateArray());
        }
    }

    [Fact]
    public async Task EveryMetricInTheDashboardIsAFamilyOfMeshMetrics()
    {
        var known = await KnownSeriesNamesAsync();
        var expressions = Expressions();
        Assert.NotEmpty(expressions);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var expr in expressions)
        {
            var names = MetricName().Matches(expr).Select(m => m.Value).ToList();
            Assert.True(names.Count > 0, $"no modelmesh_ metric in '{expr}'");
            foreach (var name in names)
            {
                Assert.True(known.Contains(name), $"'{name}' in '{expr}' is not a series MeshMetrics exposes");
                used.Add(name);
            }
        }

        // The panels the issue asks for.
        foreach (var name in new[]
        {
            "modelmesh_api_request_seconds_count", "modelmesh_api_request_seconds_bucket", "modelmesh_invoke_model_seconds_bucket",
            "modelmesh_loadmodel_seconds_count", "modelmesh_loadmodel_failure_total", "modelmesh_age_at_eviction_seconds_count",
            "modelmesh_age_at_eviction_seconds_bucket", "modelmesh_cache_miss_seconds_count", "modelmesh_instance_capacity_bytes",
            "modelmesh_instance_used_bytes", "modelmesh_models_loaded", "modelmesh_instance_lru_age_seconds",
            "modelmesh_req_queue_delay_seconds_bucket",
        })
        {
            Assert.Contains(name, used);
        }
    }

    [Fact]
    public async Task EveryPanelExpressionPassesPromtool()
    {
        var promtool = FindOnPath("promtool");
        Assert.True(promtool is not null, "promtool is not installed: run scripts/install-deps.sh (package 'prometheus')");

        // promtool has no 'check expression'; a recording-rule file with one rule per expression is checked with 'check rules'.
        var rules = new StringBuilder("groups:\n  - name: modelmesh_dashboard\n    rules:\n");
        var i = 0;
        foreach (var expr in Expressions())
        {
            var concrete = expr.Replace("$job", ".*", StringComparison.Ordinal);
            rules.Append("      - record: modelmesh_dashboard:expr_").Append(i++).Append('\n')
                .Append("        expr: ").Append(JsonSerializer.Serialize(concrete)).Append('\n');
        }

        var file = Path.Combine(Path.GetTempPath(), $"modelmesh-dashboard-rules-{Guid.NewGuid():N}.yml");
        File.WriteAllText(file, rules.ToString());
        try
        {
            var start = new ProcessStartInfo(promtool!, ["check", "rules", file]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var output = await stdout;
            Assert.True(process.ExitCode == 0, $"promtool check rules failed:\n{output}\n{stderr}\n{rules}");
            Assert.Contains($"SUCCESS: {i} rules found", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Every series name the real exposition of a full <see cref="MeshMetrics"/> registry (what /metrics serves) declares:
    /// the <c># TYPE</c> lines, with _bucket, _sum and _count for histograms.
    /// </summary>
    private static async Task<HashSet<string>> KnownSeriesNamesAsync()
    {
        var metrics = MeshMetrics.Create(new MeshMetricsOptions { PerModel = true });
        var exposition = await metrics.Registry.ScrapeAsync();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in exposition.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)))
        {
            var fields = line.Split(' ');
            var (name, type) = (fields[2], fields[3]);
            if (type == "histogram")
            {
                names.Add(name + "_bucket");
                names.Add(name + "_sum");
                names.Add(name + "_count");
            }
            else
            {
                names.Add(name);
            }
        }

        Assert.Contains("modelmesh_api_request_seconds_count", names);
        return names;
    }

    private static List<string> Expressions()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        var expressions = new List<string>();
        foreach (var panel in Panels(doc.RootElement))
        {
            if (panel.TryGetProperty("targets", out var targets))
            {
                expressions.AddRange(targets.EnumerateArray().Select(t => t.GetProperty("expr").GetString()!));
            }
        }

        return expressions;
    }

    private static IEnumerable<JsonElement> Panels(JsonElement root)
    {
        foreach (var panel in root.GetProperty("panels").EnumerateArray())
        {
            yield return panel;
            if (panel.TryGetProperty("panels", out var nested))
            {
                foreach (var inner in nested.EnumerateArray())
                {
                    yield return inner;
                }
            }
        }
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);

    [GeneratedRegex(@"\bmodelmesh_[a-zA-Z0-9_:]*")]
    private static partial Regex MetricName();
}
