using ModelMesh.Placement;

namespace ModelMesh.Orleans.Tests;

/// <summary>TinyLFU admission in the silo copy cache: a scan of one-off models does not evict a hot copy (LRU would).</summary>
public sealed class AdmissionTests
{
    [Theory]
    [InlineData(AdmissionPolicy.TinyLfu, false)]
    [InlineData(AdmissionPolicy.Lru, true)]
    public async Task A_scan_of_one_off_models_evicts_the_hot_copy_only_under_lru(AdmissionPolicy admission, bool hotEvicted)
    {
        // 1 MiB holds a few sample copies (about 130-260 KiB each). "hot" is asked for five times, then ten one-off models load:
        // it is the least recently used copy from the first one-off on, so LRU evicts it; TinyLFU keeps it and the one-offs
        // displace each other.
        await using var mesh = await CopyCluster.StartAsync(o => { o.CpuCapacityBytes = 1L << 20; o.ChurnGuard = TimeSpan.Zero; o.Admission = admission; });
        var cache = mesh.Cache(0);
        mesh.Register("hot");
        for (var i = 0; i < 5; i++)
        {
            await mesh.Copy("hot").InferAsync(new(Inference.SimpleRequest("hot").ToByteArray()));
        }

        for (var i = 0; i < 10; i++)
        {
            mesh.Register($"once-{i}");
            await mesh.Copy($"once-{i}").WaitLoadedAsync();
        }

        Assert.True(cache.Evictions > 0, "the one-off models overflowed the cache");
        Assert.Equal(hotEvicted, cache.RecentEvictions().Contains("hot/0"));
        Assert.Equal(!hotEvicted, cache.Copies().Any(c => c.KeyText == "hot/0"));
        Assert.True(cache.UsedBytes("cpu") <= 1L << 20);
    }
}
