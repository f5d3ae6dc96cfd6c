using ModelMesh.Client;

namespace ModelMesh.ClusterTests.Fixtures;

/// <summary>
/// redis-server + one front door + N silos (default three), every one a separate process on free loopback ports.
/// Dispose kills whatever is still running (also after a failed assertion), so no test leaves orphans.
/// </summary>
internal sealed class ClusterProcesses : IAsyncDisposable
{
    private readonly List<MeshProcess> _silos = [];

    private ClusterProcesses(RedisServer redis) => Redis = redis;

    public RedisServer Redis { get; }

    public MeshProcess FrontDoor { get; private set; } = null!;

    public int GrpcPort { get; private set; }

    public string Endpoint => $"127.0.0.1:{GrpcPort}";

    public IReadOnlyList<MeshProcess> Silos => _silos;

    public ModelMeshClient Client { get; private set; } = null!;

    /// <param name="siloArgs">Extra flags of every silo (e.g. <c>--lease 3s --heartbeat 1s</c>).</param>
    public static async Task<ClusterProcesses> StartAsync(int silos = 3, string capacity = "512MiB", params string[] siloArgs)
    {
        var cluster = new ClusterProcesses(RedisServer.Start(appendOnly: true));
        try
        {
            cluster.GrpcPort = FreePort.Next();
            var frontDoor = MeshProcess.StartFrontDoorAsync(cluster.Redis.Url, cluster.GrpcPort, FreePort.Next());
            var starting = Enumerable.Range(1, silos)
                .Select(i => MeshProcess.StartSiloAsync(cluster.Redis.Url, $"silo-{i}", FreePort.Next(), capacity, siloArgs)).ToList();
            try
            {
                await Task.WhenAll(starting.Append(frontDoor));
            }
            catch
            {
                // Keep what did start, so that DisposeAsync (below) stops it.
            }

            cluster._silos.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            cluster.FrontDoor = frontDoor.IsCompletedSuccessfully ? frontDoor.Result : null!;
            var failed = starting.Append(frontDoor).FirstOrDefault(t => !t.IsCompletedSuccessfully);
            if (failed is not null)
            {
                await failed; // throws the start failure
            }

            cluster.Client = ModelMeshClient.Connect(cluster.Endpoint);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public MeshProcess Silo(string id) => _silos.First(s => s.Name == id);

    /// <summary>Every process's output, for failure messages.</summary>
    public string Logs(int tailChars = 6000) => string.Join("\n", new[] { FrontDoor }.Concat(_silos).Where(p => p is not null)
        .Select(p => $"----- {p} -----\n{Tail(p.Output, tailChars)}"));

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        if (FrontDoor is not null)
        {
            await FrontDoor.DisposeAsync();
        }

        Redis.Dispose();
    }

    private static string Tail(string text, int chars) => text.Length <= chars ? text : "..." + text[^chars..];
}
