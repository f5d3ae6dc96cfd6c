using ModelMesh.Registry;
using ModelMesh.Testing;

namespace ModelMesh.MeshTests;

/// <summary>A thundering herd on a cold model converges on one load in the whole cluster (load claims + single flight).</summary>
public sealed class ColdStartTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync(silos: 3, siloCapacityBytes: 256L * 1024 * 1024);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ModelInfer_1000ConcurrentFirstRequests_ExactlyOneLoadInTheCluster()
    {
        var model = await _cluster.RegisterMlpOfSizeAsync("herd", 4L * 1024 * 1024);
        var x = InferRequests.SizedMlpInput();
        var expected = model.Reference(x);
        var copyStatesSeen = new HashSet<(string Silo, CopyState State)>();
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var copy in await _cluster.Registry.GetCopiesAsync("herd"))
                {
                    lock (copyStatesSeen)
                    {
                        copyStatesSeen.Add((copy.SiloId, copy.State));
                    }
                }

                await Task.Delay(5);
            }
        });

        using var start = new ManualResetEventSlim();
        var requests = Enumerable.Range(0, 1000).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await _cluster.V2.InferAsync(InferRequests.SizedMlp("herd", x), TimeSpan.FromSeconds(120));
        })).ToArray();
        start.Set();
        var responses = await Task.WhenAll(requests);
        await _cluster.WaitUntilStableAsync();
        await stop.CancelAsync();
        await watcher;

        Assert.All(responses, r => Assert.Equal(expected.Length, InferRequests.Floats(r.RawOutputContents[0]).Length));
        // The herd may also trigger a scale-up (1,000 in flight on one copy): those copies are spares, loaded
        // on purpose by the front door's scale-up, and are told apart by the spare flag and the scale-up log.
        var scaleUpTargets = _cluster.Log.WithId(ClusterLog.ScaleUp).Where(e => e.Value("Model") == "herd").Select(e => e.Value("Silo")).ToHashSet();
        var primaries = _cluster.Silos.SelectMany(s => s.Cache.Copies().Where(c => c.ModelId == "herd" && !c.IsSpare).Select(_ => s.SiloId)).ToList();
        var primary = Assert.Single(primaries);
        Assert.DoesNotContain(primary, scaleUpTargets);
        Assert.True(_cluster.Log.LoadsOf("herd") == 1 + scaleUpTargets.Count, _cluster.Log.Dump());
        Assert.All(copyStatesSeen.Select(c => c.Silo).Distinct(), silo => Assert.True(silo == primary || scaleUpTargets.Contains(silo), $"{silo} loaded herd"));
        Assert.Equal(1 + scaleUpTargets.Count, (await _cluster.Registry.GetCopiesAsync("herd")).Count);
        Assert.DoesNotContain(_cluster.Silos.SelectMany(s => s.Cache.Copies()), c => c.ModelId == "herd" && c.State == CopyState.Failed);
    }
}
