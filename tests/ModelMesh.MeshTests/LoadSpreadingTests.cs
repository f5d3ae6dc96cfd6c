using ModelMesh.Testing;

namespace ModelMesh.MeshTests;

/// <summary>
/// A burst of first requests for different cold models spreads over the silos' loaders instead of queueing on the
/// best-fit silo (ModelMesh's "load piles onto one pod"). Each silo loads one model at a time here, so a silo whose
/// loader is busy ranks after silos whose loader is free.
/// </summary>
public sealed class LoadSpreadingTests : IAsyncLifetime
{
    private const int Models = 9;
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync(
        silos: 3, siloCapacityBytes: 512L * 1024 * 1024, configureSilo: o => o.MaxConcurrentLoads = 1);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ModelInfer_BurstOfDistinctColdModels_LoadsSpreadOverEverySilo()
    {
        var models = new List<SizedMlpModel>();
        for (var i = 0; i < Models; i++)
        {
            models.Add(await _cluster.RegisterMlpOfSizeAsync($"burst-{i}", 16L * 1024 * 1024));
        }

        var x = InferRequests.SizedMlpInput();
        // An awaited gate, not a blocking one: blocked pool threads would release the burst one thread at a time.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = models.Select(async m =>
        {
            await start.Task;
            return await _cluster.V2.InferAsync(InferRequests.SizedMlp(m.ModelId, x), TimeSpan.FromSeconds(60));
        }).ToArray();
        start.SetResult();
        var responses = await Task.WhenAll(requests);
        await _cluster.WaitUntilStableAsync();

        for (var i = 0; i < Models; i++)
        {
            Assert.Equal(models[i].Reference(x), InferRequests.Floats(responses[i].RawOutputContents[0]), (e, a) => Math.Abs(e - a) <= 1e-4 + (1e-4 * Math.Abs(e)));
        }

        var loadsBySilo = _cluster.Silos.ToDictionary(s => s.SiloId, s => s.Cache.Copies().Count(c => c.ModelId.StartsWith("burst-", StringComparison.Ordinal)));
        var summary = string.Join(", ", loadsBySilo.Select(kv => $"{kv.Key}={kv.Value}"));
        Assert.Equal(Models, loadsBySilo.Values.Sum());
        // Pure best fit puts all nine on one silo (they all fit there); spreading gives each silo about a third.
        Assert.All(loadsBySilo.Values, n => Assert.True(n >= 1, $"a silo loaded nothing: {summary}\n{_cluster.Log.Dump()}"));
        Assert.True(loadsBySilo.Values.Max() <= 5, $"loads piled onto one silo: {summary}");
    }
}
