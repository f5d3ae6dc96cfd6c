using ModelMesh.Orleans.Cache;
using ModelMesh.Testing;

namespace ModelMesh.MeshTests;

/// <summary>A thundering herd on a cold model converges on one load in the whole cluster (one activation per copy grain).</summary>
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
        using var start = new ManualResetEventSlim();
        var requests = Enumerable.Range(0, 1000).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await _cluster.V2.InferAsync(InferRequests.SizedMlp("herd", x), TimeSpan.FromSeconds(120));
        })).ToArray();
        start.Set();
        var responses = await Task.WhenAll(requests);
        await _cluster.WaitUntilStableAsync();

        Assert.All(responses, r => Assert.Equal(expected.Length, InferRequests.Floats(r.RawOutputContents[0]).Length));
        // One first copy, loaded once, on one silo: the placement director chose once and every request reached that
        // activation. The herd (1,000 in flight on one copy) may also trigger a scale-up: those copies are numbered above 0
        // and logged by the copy count grain.
        var scaleUps = _cluster.Log.WithId(ClusterLog.ScaleUp).Count(e => e.Value("Model") == "herd");
        Assert.True(_cluster.Log.LoadsOf("herd") == 1 + scaleUps, _cluster.Log.Dump());
        Assert.Single(_cluster.Silos.SelectMany(s => s.Cache.Copies()), c => c.KeyText == "herd/0");
        Assert.DoesNotContain(_cluster.Silos.SelectMany(s => s.Cache.Copies()), c => c.ModelId == "herd" && c.State == CopyState.Failed);
    }
}
