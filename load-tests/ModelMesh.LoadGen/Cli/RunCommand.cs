using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ModelMesh.Client;
using ModelMesh.Contracts.Inference;
using ModelMesh.LoadGen.Cluster;
using ModelMesh.LoadGen.Load;
using ModelMesh.LoadGen.Mesh;
using ModelMesh.LoadGen.Recording;
using ModelMesh.LoadGen.Report;
using ModelMesh.LoadGen.Scenarios;
using ModelMesh.LoadGen.Setup;
using ModelMesh.LoadGen.Targets;

namespace ModelMesh.LoadGen.Cli;

/// <summary>
/// <c>run</c>: (optionally) start the embedded cluster, generate and register models, build inputs from metadata,
/// read mesh counters, offer the load with actions at their offsets and progress on the console, read the counters
/// again, then write NAME.json and NAME.html.
/// </summary>
public static class RunCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static async Task<int> RunAsync(RunArguments arguments, string commandLine, CancellationToken cancellationToken)
    {
        var scenario = arguments.BuildScenario();
        var load = ToLoadOptions(scenario.Load);
        var notes = new List<string>();
        var output = Console.Out;
        output.WriteLine($"scenario {scenario.Name}: {load.Describe()}");

        await using var embedded = arguments.Embedded ? await EmbeddedCluster.StartAsync(scenario.Cluster, cancellationToken) : null;
        var grpcEndpoint = embedded?.GrpcEndpoint ?? scenario.Target.Endpoint;
        var restEndpoint = embedded?.RestEndpoint ?? scenario.Target.Rest;
        if (embedded is not null)
        {
            output.WriteLine($"embedded cluster: {scenario.Cluster.Silos} silos x {scenario.Cluster.SiloCapacity}, front door gRPC {grpcEndpoint}, REST {restEndpoint}");
        }

        using var client = ModelMeshClient.Connect(grpcEndpoint);
        var (models, inputs) = await PrepareModelsAsync(scenario, client, notes, output, cancellationToken);
        using IInferenceTarget target = scenario.Target.Protocol.Equals("rest", StringComparison.OrdinalIgnoreCase)
            ? new RestTarget(restEndpoint)
            : new GrpcTarget(grpcEndpoint);
        var picker = ModelPicker.Create(scenario.Models.Popularity, inputs.Count, scenario.Models.Seed);
        var recorder = new RunRecorder(load.Duration);
        var driver = new LoadDriver(target, inputs, picker, recorder, load);
        IClusterControl control = embedded is not null ? embedded : new ShellClusterControl();

        using var metrics = new MetricsScraper(scenario.Target.Metrics);
        if (metrics.Enabled)
        {
            await metrics.BeforeAsync(cancellationToken);
        }

        var poller = new ClusterPoller(client);
        using var background = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = DateTimeOffset.UtcNow;
        var pollTask = Task.CompletedTask;
        var progressTask = Task.CompletedTask;
        var actionResults = new List<ActionResult>();
        var actionTasks = new List<Task>();
        await driver.RunAsync(
            () =>
            {
                pollTask = poller.RunAsync(() => driver.MeasuredElapsed, background.Token);
                progressTask = new ConsoleProgress(driver, recorder, output).RunAsync(background.Token);
                foreach (var action in scenario.Actions)
                {
                    actionTasks.Add(RunActionAsync(action, control, client, driver, load, actionResults, output, background.Token));
                }
            },
            cancellationToken);
        await Task.WhenAll(actionTasks);
        await background.CancelAsync();
        await pollTask;
        await progressTask;
        await poller.PollOnceAsync(driver.MeasuredElapsed, CancellationToken.None);

        var mesh = await BuildMeshReportAsync(metrics, embedded, poller, notes, CancellationToken.None);
        var report = new RunReport
        {
            Name = scenario.Name,
            Description = scenario.Description,
            StartedUtc = started.ToString("u", CultureInfo.InvariantCulture),
            Target = embedded is not null ? $"embedded cluster ({scenario.Cluster.Silos} silos x {scenario.Cluster.SiloCapacity})" : (scenario.Target.Protocol == "rest" ? restEndpoint : grpcEndpoint),
            Protocol = target.Protocol,
            Load = load.Describe(),
            Models = $"{models.Count} model(s), {picker.Description}" + (models.Count <= 4 ? $": {string.Join(", ", models)}" : $": {models[0]} ... {models[^1]}"),
            CommandLine = commandLine,
            Summary = ReportBuilder.Summarize(recorder, load.Duration, load.Mode == LoadMode.Open ? load.Rate : 0),
            Errors = new SortedDictionary<string, long>(recorder.Errors.ToDictionary(), StringComparer.Ordinal),
            ErrorSamples = new SortedDictionary<string, string>(target.ErrorSamples.ToDictionary(), StringComparer.Ordinal),
            PerSecond = ReportBuilder.PerSecond(recorder),
            Distribution = ReportBuilder.Distribution(recorder.Overall),
            Mesh = mesh,
            Actions = [.. actionResults.OrderBy(a => a.AtSeconds)],
            Notes = notes,
        };
        Write(report, arguments.OutDirectory, output);
        return 0;
    }

    private static LoadOptions ToLoadOptions(LoadSpec spec) => new(
        spec.Mode.Equals("closed", StringComparison.OrdinalIgnoreCase) ? LoadMode.Closed : LoadMode.Open,
        spec.Rate,
        Math.Max(1, spec.Concurrency),
        Units.Duration(spec.Warmup),
        Units.Duration(spec.Duration),
        Units.Duration(spec.Deadline),
        Math.Max(1, spec.MaxInFlight));

    private static async Task<(List<string> Models, List<PreparedInput> Inputs)> PrepareModelsAsync(
        Scenario scenario, ModelMeshClient client, List<string> notes, TextWriter output, CancellationToken cancellationToken)
    {
        var models = new List<string>();
        var inputs = new List<PreparedInput>();
        var seed = scenario.Models.Seed;
        foreach (var name in scenario.Models.Names)
        {
            var metadata = await client.ModelMetadataAsync(name, timeout: TimeSpan.FromSeconds(60), cancellationToken: cancellationToken);
            inputs.Add(InputFactory.Create(name, metadata, seed++));
            models.Add(name);
        }

        if (scenario.Models.Names.Count > 0)
        {
            notes.Add($"Inputs of {string.Join(", ", scenario.Models.Names)} were built from ModelMetadata, read before the run (which may load those models).");
        }

        if (scenario.Models.Generate is { } gen)
        {
            var bytes = Units.Size(gen.Size);
            var directory = gen.Directory ?? ModelGenerator.DefaultDirectory(gen.Prefix, gen.Count, bytes);
            var watch = Stopwatch.StartNew();
            var (set, total) = ModelGenerator.Ensure(directory, gen.Prefix, gen.Count, bytes);
            output.WriteLine($"models: {set.Count} generated MLPs of ~{gen.Size} in {directory} ({total / 1048576.0:0.0} MiB total, {watch.Elapsed.TotalSeconds:0.0} s)");
            if (gen.Register)
            {
                watch.Restart();
                var registered = await ModelRegistrar.RegisterAsync(client, set, cancellationToken);
                output.WriteLine($"models: registered {registered} ({set.Count - registered} already were) in {watch.Elapsed.TotalSeconds:0.0} s");
            }

            var metadata = GeneratedMetadata();
            foreach (var (id, _) in set)
            {
                metadata.Name = id;
                inputs.Add(InputFactory.Create(id, metadata, seed++));
                models.Add(id);
            }

            notes.Add($"{set.Count} generated models ({total / 1048576.0:0.0} MiB of files), all with input FP32 [-1, {ModelGenerator.Inputs}]: their inputs come from that known signature, without asking the mesh (asking would load every model).");
        }

        return (models, inputs);
    }

    private static ModelMetadataResponse GeneratedMetadata()
    {
        var metadata = new ModelMetadataResponse { Platform = "onnxruntime_onnx" };
        var input = new ModelMetadataResponse.Types.TensorMetadata { Name = "input", Datatype = "FP32" };
        input.Shape.AddRange([-1, ModelGenerator.Inputs]);
        metadata.Inputs.Add(input);
        return metadata;
    }

    private static async Task RunActionAsync(
        ActionSpec action, IClusterControl control, ModelMeshClient client, LoadDriver driver, LoadOptions load, List<ActionResult> results, TextWriter output, CancellationToken cancellationToken)
    {
        var at = Units.Duration(action.At);
        var wait = at - driver.MeasuredElapsed;
        try
        {
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var startedAt = driver.MeasuredElapsed.TotalSeconds;
            var (resolved, chosen) = await ActionTargeting.ResolveAsync(action, client, control is ShellClusterControl, cancellationToken);
            output.WriteLine($">>> {startedAt:0.0}s: {action.Kind} {chosen}");
            var outcome = await control.ActAsync(resolved, cancellationToken);
            if (resolved.Kind is "kill-silo" or "stop-silo")
            {
                outcome = $"target {chosen}: {outcome}";
            }

            output.WriteLine($">>> {outcome}");
            lock (results)
            {
                results.Add(new ActionResult(startedAt, resolved.Kind, resolved.Silo, driver.MeasuredElapsed.TotalSeconds, outcome));
            }
        }
        catch (OperationCanceledException)
        {
            lock (results)
            {
                results.Add(new ActionResult(at.TotalSeconds, action.Kind, action.Silo, double.NaN, "not run: the run ended first"));
            }
        }
        catch (Exception ex)
        {
            lock (results)
            {
                results.Add(new ActionResult(at.TotalSeconds, action.Kind, action.Silo, driver.MeasuredElapsed.TotalSeconds, "failed: " + ex.Message));
            }
        }

        _ = load;
    }

    private static async Task<MeshReport> BuildMeshReportAsync(
        MetricsScraper metrics, EmbeddedCluster? embedded, ClusterPoller poller, List<string> notes, CancellationToken cancellationToken)
    {
        var sources = new List<string>();
        var deltas = new SortedDictionary<string, MetricDelta>(StringComparer.Ordinal);
        if (metrics.Enabled)
        {
            deltas = await metrics.AfterAsync(cancellationToken);
            sources.Add(deltas.Count > 0
                ? $"Counters from /metrics: {deltas.Count} modelmesh_* cache series."
                : "The /metrics endpoints given had no modelmesh_* load/eviction/miss counters.");
            foreach (var p in metrics.Problems.Distinct())
            {
                notes.Add("metrics: " + p);
            }
        }
        else
        {
            sources.Add("No --metrics endpoint: loads and evictions come from the mesh itself (below).");
        }

        var events = new SortedDictionary<string, long>(StringComparer.Ordinal);
        if (embedded is not null)
        {
            foreach (var (k, v) in embedded.Events.Snapshot())
            {
                events[k] = v;
            }

            foreach (var k in new[] { "loads", "evictions", "load_failures", "dropped_copies" })
            {
                events.TryAdd(k, 0);
            }

            sources.Add("Embedded: exact counts of the silos' cache events (SiloCopyCache log events 4001 loaded, 4002 load failed, 4003 evicted, 4005 dropped), over setup + warm-up + measured window.");
        }

        sources.Add($"Cluster snapshots (GET cluster once a second, {poller.Samples.Count} reads, {poller.Failures} failed): models appearing/disappearing on a silo between reads; lower bounds.");
        return new MeshReport
        {
            Metrics = deltas,
            EmbeddedEvents = events,
            LoadsSeenInSnapshots = poller.LoadsSeen,
            EvictionsSeenInSnapshots = poller.EvictionsSeen,
            SilosLost = poller.SilosLost,
            Cluster = poller.Samples,
            MeshWarnings = embedded?.Events.Messages ?? [],
            MeshWarningCount = embedded?.Events.MessageCount ?? 0,
            Sources = sources,
        };
    }

    private static void Write(RunReport report, string directory, TextWriter output)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, report.Name);
        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(report, Json));
        File.WriteAllText(stem + ".html", HtmlReport.Render(report));
        var s = report.Summary;
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.Name}: {s.Succeeded} ok, {s.Failed} errors in {s.DurationSeconds:0.#} s = {s.ThroughputPerSecond:0.0} ok/s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency ms: p50 {s.P50Ms:0.00}  p90 {s.P90Ms:0.00}  p99 {s.P99Ms:0.00}  p99.9 {s.P999Ms:0.00}  max {s.MaxMs:0.00}"));
        if (report.Errors.Count > 0)
        {
            output.WriteLine("errors: " + string.Join(", ", report.Errors.Select(e => $"{e.Key} {e.Value}")));
            foreach (var (code, detail) in report.ErrorSamples)
            {
                output.WriteLine($"  e.g. {code}: {detail}");
            }
        }

        var ev = report.Mesh.EmbeddedEvents;
        output.WriteLine($"mesh: loads {(ev.Count > 0 ? ev["loads"].ToString(CultureInfo.InvariantCulture) : "?")} evictions {(ev.Count > 0 ? ev["evictions"].ToString(CultureInfo.InvariantCulture) : "?")} (events); seen in snapshots: loads {report.Mesh.LoadsSeenInSnapshots}, evictions {report.Mesh.EvictionsSeenInSnapshots}, silos lost {report.Mesh.SilosLost}");
        foreach (var (name, d) in report.Mesh.Metrics)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"metrics: {name} +{d.Delta:0.##}"));
        }

        output.WriteLine($"wrote {stem}.json and {stem}.html");
    }
}
