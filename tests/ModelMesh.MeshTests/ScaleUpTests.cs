using ModelMesh.Onnx;
using ModelMesh.Testing;

namespace ModelMesh.MeshTests;

/// <summary>Copies follow load: a model with many requests in flight per copy gets another copy, never more than silos.</summary>
public sealed class ScaleUpTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync(silos: 3, siloCapacityBytes: 256L * 1024 * 1024);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ModelInfer_SustainedConcurrencyAboveThreshold_AddsACopyOnAnotherSiloNeverMoreThanSilos()
    {
        await _cluster.RegisterFileAsync("busy", ModelFactory.WriteSample(_cluster.ModelsDirectory, SampleModels.Conv, "busy"));
        await _cluster.V2.InferAsync(InferRequests.Conv("busy"));
        var maxCopies = 0;
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 24).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await _cluster.V2.InferAsync(InferRequests.Conv("busy", batch: 2));
                var copies = (await _cluster.Registry.GetCopiesAsync("busy")).Count;
                InterlockedMax(ref maxCopies, copies);
            }
        })).ToArray();

        await Eventually.Until(() => _cluster.SilosHolding("busy").Count >= 2 || clients.Any(c => c.IsFaulted), TimeSpan.FromSeconds(60), "a second copy is loaded");
        await stop.CancelAsync();
        await Task.WhenAll(clients);
        await _cluster.WaitUntilStableAsync();

        Assert.InRange(_cluster.SilosHolding("busy").Count, 2, _cluster.Silos.Count);
        Assert.InRange(maxCopies, 2, _cluster.Silos.Count);
        Assert.Contains(_cluster.Log.WithId(ClusterLog.ScaleUp), e => e.Value("Model") == "busy");
        Assert.Contains(_cluster.Silos.SelectMany(s => s.Cache.Copies()), c => c.ModelId == "busy" && c.IsSpare);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
