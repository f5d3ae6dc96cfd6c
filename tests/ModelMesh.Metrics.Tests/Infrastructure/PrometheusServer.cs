using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace ModelMesh.Metrics.Tests.Infrastructure;

/// <summary>
/// A real Prometheus server (Debian package prometheus) on a free loopback port, TSDB in a temp dir, scraping the given
/// targets every second. Nothing in its configuration reaches the network: no alertmanagers, no remote write, no
/// service discovery other than static loopback targets. Killed on dispose.
/// </summary>
internal sealed class PrometheusServer : IDisposable
{
    public const string ServerPath = "/usr/bin/prometheus";

    private readonly string _dir = Directory.CreateTempSubdirectory("mm-prometheus-").FullName;
    private readonly Process _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly List<string> _log = [];

    private PrometheusServer(string job, IEnumerable<int> targetPorts)
    {
        Port = FreePort.Next();
        var targets = string.Join(", ", targetPorts.Select(p => $"'127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}'"));
        var config = Path.Combine(_dir, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: {job}
                metrics_path: /metrics
                static_configs:
                  - targets: [{targets}]
            """);
        var start = new ProcessStartInfo(ServerPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _dir };
        foreach (var arg in new[]
        {
            $"--config.file={config}",
            $"--storage.tsdb.path={Path.Combine(_dir, "data")}",
            $"--web.listen-address=127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}",
            "--storage.tsdb.retention.time=1h",
            "--query.lookback-delta=30s",
            "--log.level=warn",
        })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Log(e.Data);
        _process.ErrorDataReceived += (_, e) => Log(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    public string Output
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    public static PrometheusServer Start(string job, params int[] targetPorts)
    {
        if (!File.Exists(ServerPath))
        {
            Assert.Fail($"{ServerPath} is missing: run scripts/install-deps.sh (it installs the Debian prometheus package)");
        }

        return new PrometheusServer(job, targetPorts);
    }

    /// <summary>Runs an instant PromQL query; returns the result vector's (labels, value) pairs, or null if the API failed.</summary>
    public async Task<IReadOnlyList<(Dictionary<string, string> Labels, double Value)>?> QueryAsync(string promql)
    {
        if (_process.HasExited)
        {
            Assert.Fail($"prometheus exited with {_process.ExitCode}:\n{Output}");
        }

        try
        {
            var url = new Uri($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/api/v1/query?query={Uri.EscapeDataString(promql)}");
            using var doc = await _http.GetFromJsonAsync<JsonDocument>(url);
            var root = doc!.RootElement;
            if (root.GetProperty("status").GetString() != "success")
            {
                return null;
            }

            var result = new List<(Dictionary<string, string>, double)>();
            foreach (var item in root.GetProperty("data").GetProperty("result").EnumerateArray())
            {
                var labels = item.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
                var value = item.GetProperty("value")[1].GetString()!;
                result.Add((labels, double.Parse(value, CultureInfo.InvariantCulture)));
            }

            return result;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Polls a query until it returns at least one sample that satisfies <paramref name="accept"/>.</summary>
    public async Task<double> WaitForValueAsync(string promql, Func<double, bool> accept, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<(Dictionary<string, string> Labels, double Value)>? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await QueryAsync(promql);
            if (last is { Count: > 0 } && accept(last[0].Value))
            {
                return last[0].Value;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"query {promql} did not return an accepted value in {timeout}; last result: {(last is null ? "none" : string.Join(", ", last.Select(r => r.Value)))}\n{Output}");
        return double.NaN;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _http.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Add(line);
        }
    }
}
