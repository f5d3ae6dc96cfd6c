using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ModelMesh.Benchmarks.Latency;
using ModelMesh.Onnx;

namespace ModelMesh.Benchmarks.Cli;

/// <summary><c>latency</c>: V2 gRPC ModelInfer through an in-process node vs OrtSession.Run, per model and concurrency.</summary>
public static class LatencyCommand
{
    public static Command Create()
    {
        var duration = DurationOption("--duration", "Measured time per cell and path (e.g. 10s, 500ms, 1m)", TimeSpan.FromSeconds(10));
        var warmup = DurationOption("--warmup", "Unmeasured warm-up before each measured window", TimeSpan.FromSeconds(2));
        var concurrency = new Option<int[]>("--concurrency")
        {
            Description = "Closed-loop worker counts, comma-separated",
            DefaultValueFactory = _ => [1, 8],
            CustomParser = ParseConcurrency,
        };
        var models = new Option<string[]>("--models")
        {
            Description = $"Models, comma-separated (of {string.Join(", ", SampleRequests.SupportedModels)})",
            DefaultValueFactory = _ => [.. SampleRequests.SupportedModels],
            CustomParser = ParseModels,
        };
        var grpcMode = new Option<GrpcCallMode>("--grpc-mode")
        {
            Description = "typed: client serializes the request and parses the response each call; raw: pre-serialized request bytes, response left unparsed",
            DefaultValueFactory = _ => GrpcCallMode.Typed,
        };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the results as JSON to this file" };

        var command = new Command("latency", "Closed-loop latency and throughput: V2 gRPC over loopback vs in-process ONNX Runtime")
        {
            duration, warmup, concurrency, models, grpcMode, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new LatencyOptions(
                parse.GetValue(duration),
                parse.GetValue(warmup),
                parse.GetValue(concurrency) ?? [1],
                parse.GetValue(models) ?? [.. SampleRequests.SupportedModels],
                parse.GetValue(grpcMode),
                parse.GetValue(json)?.FullName);
            var report = await LatencyBenchmark.RunAsync(options, Console.Out, cancellationToken);
            ResultTable.Write(report, Console.Out);
            if (options.JsonPath is { } path)
            {
                JsonReport.Write(report, path);
                Console.WriteLine($"JSON written to {path}");
            }

            return 0;
        });
        return command;
    }

    private static Option<TimeSpan> DurationOption(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (DurationParser.TryParse(text, out var value))
            {
                return value;
            }

            result.AddError($"{name}: '{text}' is not a duration (e.g. 10s, 500ms, 1m)");
            return default;
        },
    };

    private static int[] ParseConcurrency(ArgumentResult result)
    {
        var levels = new List<int>();
        foreach (var part in SplitTokens(result))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var level) || level < 1)
            {
                result.AddError($"--concurrency: '{part}' is not a positive integer");
                return [];
            }

            levels.Add(level);
        }

        return [.. levels];
    }

    private static string[] ParseModels(ArgumentResult result)
    {
        var names = SplitTokens(result);
        foreach (var name in names)
        {
            if (!SampleRequests.SupportedModels.Contains(name))
            {
                result.AddError($"--models: '{name}' is not one of {string.Join(", ", SampleRequests.SupportedModels)} (other samples: {string.Join(", ", SampleModels.Names)})");
                return [];
            }
        }

        return names;
    }

    private static string[] SplitTokens(ArgumentResult result) =>
        [.. result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
