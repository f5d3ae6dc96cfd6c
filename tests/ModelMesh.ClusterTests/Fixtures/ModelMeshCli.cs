using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace ModelMesh.ClusterTests.Fixtures;

/// <summary>Runs <c>modelmesh ARGS</c> (a client verb, or a role expected to exit) to completion.</summary>
internal static class ModelMeshCli
{
    public static Task<CliResult> RunAsync(TimeSpan timeout, params string[] arguments) => RunAsync(timeout, new Dictionary<string, string>(), arguments);

    /// <summary>Runs with extra environment variables (e.g. ModelMesh__Placement__... settings).</summary>
    public static async Task<CliResult> RunAsync(TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        info.ArgumentList.Add(MeshProcess.ModelMeshDll);
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        var clock = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (stderr) stderr.AppendLine($"[killed after {timeout}]");
            return new CliResult(-1, stdout.ToString(), stderr.ToString(), clock.Elapsed);
        }

        process.WaitForExit();
        var elapsed = clock.Elapsed;
        lock (stdout) lock (stderr) return new CliResult(process.ExitCode, stdout.ToString(), stderr.ToString(), elapsed);
    }

    /// <summary><c>modelmesh cluster -o json</c> parsed into silo id → (state, models).</summary>
    public static async Task<ClusterView> ClusterAsync(string endpoint)
    {
        var result = await RunAsync(TimeSpan.FromSeconds(60), "cluster", "-o", "json", "--endpoint", endpoint);
        Assert.True(result.ExitCode == 0, $"modelmesh cluster failed: {result}");
        return ClusterView.Parse(result.StandardOutput);
    }

    public static async Task RegisterAsync(string endpoint, string modelId, string storagePath)
    {
        var result = await RunAsync(TimeSpan.FromSeconds(60), "register", modelId, "--storage-uri", storagePath, "--endpoint", endpoint);
        Assert.True(result.ExitCode == 0, $"modelmesh register {modelId} failed: {result}");
    }
}

/// <summary>The JSON of <c>modelmesh cluster -o json</c> (proto3 JSON of ClusterStatus): the model silos (front doors, listed with state "frontdoor", left out).</summary>
internal sealed record ClusterView(IReadOnlyDictionary<string, ClusterView.Silo> Silos, bool Degraded)
{
    public sealed record Silo(string Id, string Address, string State, IReadOnlyList<string> Models, long UsedBytes, long CapacityBytes);

    /// <summary>Silo ids holding each model.</summary>
    public IReadOnlyDictionary<string, List<string>> Locations()
    {
        var locations = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var silo in Silos.Values)
        {
            foreach (var model in silo.Models)
            {
                if (!locations.TryGetValue(model, out var holders))
                {
                    locations[model] = holders = [];
                }

                holders.Add(silo.Id);
            }
        }

        return locations;
    }

    public static ClusterView Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var silos = new Dictionary<string, Silo>(StringComparer.Ordinal);
        if (root.TryGetProperty("silos", out var array))
        {
            foreach (var s in array.EnumerateArray())
            {
                var models = s.TryGetProperty("models", out var m) ? m.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
                long used = 0, capacity = 0;
                if (s.TryGetProperty("devices", out var devices))
                {
                    foreach (var d in devices.EnumerateArray())
                    {
                        used += Int64(d, "usedBytes");
                        capacity += Int64(d, "capacityBytes");
                    }
                }

                var id = s.GetProperty("id").GetString()!;
                var state = Text(s, "state");
                if (state == "frontdoor")
                {
                    continue; // a cluster member that holds no models: checked apart (FrontDoors)
                }

                silos[id] = new Silo(id, Text(s, "address"), state, models, used, capacity);
            }
        }

        var degraded = root.TryGetProperty("degraded", out var flag) && flag.GetBoolean();
        return new ClusterView(silos, degraded);
    }

    public override string ToString() => string.Join("; ", Silos.Values.OrderBy(s => s.Id, StringComparer.Ordinal)
        .Select(s => $"{s.Id} [{s.State}] {s.UsedBytes}/{s.CapacityBytes} B: {string.Join(",", s.Models)}")) + (Degraded ? " (degraded)" : "");

    private static string Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() ?? "" : "";

    // proto3 JSON writes int64 as a string.
    private static long Int64(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) ? 0 : v.ValueKind == JsonValueKind.String ? long.Parse(v.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : v.GetInt64();
}
