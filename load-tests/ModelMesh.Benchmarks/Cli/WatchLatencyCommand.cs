using System.CommandLine;
using ModelMesh.Benchmarks.Common;
using ModelMesh.Benchmarks.Watch;

namespace ModelMesh.Benchmarks.Cli;

/// <summary><c>watch-latency</c>: time from a registry write to a watcher (another registry instance) seeing its event.</summary>
public static class WatchLatencyCommand
{
    public static Command Create()
    {
        var registry = new Option<string?>("--registry") { Description = "A redis:// or rediss:// URL, or 'memory' (default: a redis-server of its own on a loopback port)" };
        var events = CommonOptions.Int("--events", "Timed events per gap (after 50 untimed ones)", 1000);
        var gaps = CommonOptions.DoubleList("--gaps", "Pause after each event in ms (0: the next write right after the watcher saw the last)", [0, 20]);
        var json = CommonOptions.Json();
        var command = new Command("watch-latency", "Time from a registry write to a watcher on another registry instance seeing its event")
        {
            registry, events, gaps, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var report = await WatchLatencyBenchmark.RunAsync(parse.GetValue(registry), Math.Max(1, parse.GetValue(events)), parse.GetValue(gaps) ?? [0, 20], Console.Out, cancellationToken);
            WatchLatencyBenchmark.WriteTable(report, Console.Out);
            JsonOutput.Write(report, parse.GetValue(json)?.FullName, Console.Out);
            return 0;
        });
        return command;
    }
}
