using System.Diagnostics;
using ModelMesh.Host.Roles;
using ModelMesh.LoadGen.Mesh;
using ModelMesh.LoadGen.Scenarios;
using ModelMesh.Onnx;

namespace ModelMesh.LoadGen.Cluster;

/// <summary>
/// --embedded: a <see cref="DevCluster"/> in this process (front door on free ports, N silos, the in-memory registry)
/// with the sample models registered. kill-silo stops a silo without draining (its listener closes; its lease stays in
/// the registry until it expires, as after kill -9); stop-silo is the graceful stop (drain, leave).
/// </summary>
public sealed class EmbeddedCluster : IClusterControl, IAsyncDisposable
{
    private readonly DevCluster _cluster;
    private readonly string _samples;

    private EmbeddedCluster(DevCluster cluster, string samples, EventCountingLoggerProvider events)
    {
        _cluster = cluster;
        _samples = samples;
        Events = events;
    }

    public EventCountingLoggerProvider Events { get; }

    public string GrpcEndpoint => $"127.0.0.1:{_cluster.FrontDoor.GrpcPort}";

    public string RestEndpoint => $"http://127.0.0.1:{_cluster.FrontDoor.HttpPort}";

    public static async Task<EmbeddedCluster> StartAsync(ClusterSpec spec, CancellationToken cancellationToken)
    {
        var samples = Path.Combine(Path.GetTempPath(), "modelmesh-loadgen-samples-" + Environment.ProcessId);
        SampleModels.WriteAll(samples);
        var events = new EventCountingLoggerProvider();
        var cluster = await DevCluster.StartAsync(
            new DevClusterOptions
            {
                Silos = spec.Silos,
                SiloCapacityBytes = Units.Size(spec.SiloCapacity),
                GrpcPort = 0,
                HttpPort = 0,
                ModelsDirectory = samples,
            },
            logging => EventCountingLoggerProvider.Configure(logging, events),
            cancellationToken);
        return new EmbeddedCluster(cluster, samples, events);
    }

    public async Task<string> ActAsync(ActionSpec action, CancellationToken cancellationToken)
    {
        var silo = _cluster.Silos.FirstOrDefault(s => s.SiloId == action.Silo);
        if (action.Kind is "kill-silo" or "stop-silo" && silo is null)
        {
            return $"skipped: no silo {action.Silo} (silos: {string.Join(", ", _cluster.Silos.Select(s => s.SiloId))})";
        }

        var watch = Stopwatch.StartNew();
        switch (action.Kind)
        {
            case "kill-silo":
                await silo!.StopWithoutDrainAsync(cancellationToken);
                return $"killed {silo.SiloId} (stopped without drain: listener closed, lease left to expire) in {watch.Elapsed.TotalMilliseconds:0} ms";
            case "stop-silo":
                await silo!.StopAsync(cancellationToken);
                return $"stopped {silo.SiloId} gracefully (drain) in {watch.Elapsed.TotalMilliseconds:0} ms";
            default:
                return await new ShellClusterControl().ActAsync(action, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _cluster.DisposeAsync();
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            Console.Error.WriteLine($"embedded cluster shutdown: {ex.Message}");
        }

        try
        {
            Directory.Delete(_samples, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
