namespace ModelMesh.Orleans.Tests;

/// <summary>A copy numbered above 0 is a spare (the model keeps copy 0 elsewhere): the silo cache evicts it first.</summary>
public sealed class SpareEvictionTests
{
    [Fact]
    public async Task A_spare_copy_is_evicted_before_a_less_recently_used_first_copy()
    {
        // As the LRU eviction test: 6 MiB, no churn guard. "b/1" is used last, so plain LRU would evict "a/0" first;
        // being a spare, "b/1" goes first.
        await using var mesh = await CopyCluster.StartAsync(o => { o.CpuCapacityBytes = 1L << 20; o.ChurnGuard = TimeSpan.Zero; });
        var cache = mesh.Cache(0);
        var models = new[] { "a", "b" }.Concat(Enumerable.Range(0, 8).Select(i => "c" + i)).ToList();
        models.ForEach(m => mesh.Register(m));

        await mesh.Copy("a").WaitLoadedAsync();
        await mesh.Copy("b", 1).WaitLoadedAsync();
        await mesh.Copy("b", 1).InferAsync(new(Inference.SimpleRequest("b").ToByteArray()));

        foreach (var model in models.Skip(2))
        {
            await mesh.Copy(model).WaitLoadedAsync();
            if (cache.Evictions > 0)
            {
                break;
            }
        }

        Assert.Equal("b/1", cache.RecentEvictions()[0]);
    }
}
