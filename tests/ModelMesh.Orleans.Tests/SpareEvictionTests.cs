namespace ModelMesh.Orleans.Tests;

/// <summary>
/// A copy numbered above 0 is a spare (evicted first) only while another copy of its model is loaded; the order of
/// spares before other copies is unit-tested in ModelMesh.Placement.Tests (VictimOrder, TinyLfuAdmissionTests).
/// </summary>
public sealed class SpareEvictionTests
{
    [Fact]
    public async Task The_last_loaded_copy_of_a_model_is_not_a_spare_whatever_its_number()
    {
        // As the LRU eviction test: 1 MiB, no churn guard. "b/1" is used last and no other copy of "b" is loaded (its
        // copy 0 was never placed): it is not a spare, so the least recently used "a/0" goes first.
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

        Assert.Equal("a/0", cache.RecentEvictions()[0]);
        Assert.Contains(cache.Copies(), c => c.KeyText == "b/1");
    }
}
