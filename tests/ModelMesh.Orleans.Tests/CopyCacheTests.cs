using ModelMesh.Orleans.Cache;
using ModelMesh.Testing;

namespace ModelMesh.Orleans.Tests;

/// <summary>The silo-local copy cache: eviction of least-recently-used idle copies by deactivation.</summary>
public sealed class CopyCacheTests
{
    [Fact]
    public async Task Eviction_deactivates_the_least_recently_used_idle_copy_and_frees_its_bytes()
    {
        // 1 MiB holds a few sample copies (each accounted at its measured size, about 130-260 KiB). No churn guard, so any idle
        // copy may go. "a" is used again after "b" loads, so "b" is the least recently used when room runs out (and no
        // newcomer is colder than "a" or "b" for TinyLFU: each was asked for at most once).
        await using var mesh = await CopyCluster.StartAsync(o => { o.CpuCapacityBytes = 1L << 20; o.ChurnGuard = TimeSpan.Zero; });
        var cache = mesh.Cache(0);
        var models = new[] { "a", "b" }.Concat(Enumerable.Range(0, 8).Select(i => "c" + i)).ToList();
        models.ForEach(m => mesh.Register(m));

        await mesh.Copy("a").WaitLoadedAsync();
        await mesh.Copy("b").WaitLoadedAsync();
        await mesh.Copy("a").InferAsync(new(Inference.SimpleRequest("a").ToByteArray()));

        string? firstNew = null;
        foreach (var model in models.Skip(2))
        {
            await mesh.Copy(model).WaitLoadedAsync();
            if (cache.Evictions > 0)
            {
                firstNew = model;
                break;
            }
        }

        // Victims go in least-recently-used order: "b" first. (A copy whose measured size exceeds its reservation may
        // evict once more when its load completes: then the next victim is "a", the next least recently used.)
        Assert.NotNull(firstNew);
        var victims = cache.RecentEvictions();
        Assert.Equal(new[] { "b/0", "a/0" }.Take(victims.Count), victims);
        var held = cache.Copies().Select(c => c.KeyText).ToHashSet();
        Assert.Contains(firstNew + "/0", held);
        Assert.All(victims, v => Assert.DoesNotContain(v, held));
        Assert.Equal(cache.Copies().Sum(c => c.SizeBytes), cache.UsedBytes("cpu"));
        Assert.True(cache.UsedBytes("cpu") <= 1L << 20);

        // The evicted copy's activation is deactivated (its grain is gone from the silo) ...
        var evicted = mesh.Copy("b").GetGrainId();
        await Eventually.Until(() => !mesh.Cluster.TryGetGrainContext(evicted, out _), CopyCluster.Patience, "b/0 is deactivated");

        // ... and the next call loads it again, evicting the copy that is now least recently used.
        var response = await mesh.Copy("b").InferAsync(new(Inference.SimpleRequest("b").ToByteArray()));
        Assert.Equal(Inference.Sum, Inference.Outputs(response.Value).Sum);
        Assert.Equal(cache.Copies().Sum(c => c.SizeBytes), cache.UsedBytes("cpu"));
    }

    [Fact]
    public async Task The_placement_view_and_holder_queries_agree_with_the_published_snapshot()
    {
        await using var mesh = await CopyCluster.StartAsync(o => o.ChurnGuard = TimeSpan.Zero);
        var cache = mesh.Cache(0);
        mesh.Register("a");
        mesh.Register("b");
        await mesh.Copy("a").WaitLoadedAsync();
        await mesh.Copy("b").WaitLoadedAsync();
        var address = SiloAddress.New(System.Net.IPAddress.Loopback, 11111, 1);

        var view = cache.PlacementView(address);
        var published = cache.Snapshot(address, sequence: 1);

        Assert.True(cache.HoldsModel("a") && cache.HoldsModel("b"));
        Assert.False(cache.HoldsModel("c"));
        Assert.True(cache.HoldsCopy("a/0"));
        Assert.False(cache.HoldsCopy("a/1"));
        Assert.Equal(2, view.CopyCount);
        Assert.Equal(published.CopyKeys.Count, view.CopyCount);
        Assert.Equal(published.Devices.Select(d => (d.Name, d.CapacityBytes, d.UsedBytes, d.EvictableBytes)),
            view.Devices.Select(d => (d.Name, d.CapacityBytes, d.UsedBytes, d.EvictableBytes)));
        Assert.Empty(view.Copies); // the per-copy lists are what the light view leaves out

        await mesh.Copy("a").UnloadAsync();
        Assert.False(cache.HoldsModel("a"));
        Assert.False(cache.HoldsCopy("a/0"));
        Assert.Equal(1, cache.PlacementView(address).CopyCount);
    }

    [Fact]
    public void Invalid_options_are_named()
    {
        var validator = new CopyCacheOptionsValidator();
        Assert.True(validator.Validate(null, new CopyCacheOptions()).Succeeded);
        var result = validator.Validate(null, new CopyCacheOptions { MaxConcurrentLoads = 0 });
        Assert.True(result.Failed);
        Assert.Contains("MaxConcurrentLoads", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(validator.Validate(null, new CopyCacheOptions { CpuCapacityBytes = -1 }).Failed);
        Assert.True(validator.Validate(null, new CopyCacheOptions { PublishInterval = TimeSpan.Zero }).Failed);
        Assert.True(validator.Validate(null, new CopyCacheOptions { FrequencyWindow = 0 }).Failed);
        Assert.Contains("Admission", validator.Validate(null, new CopyCacheOptions { Admission = (ModelMesh.Placement.AdmissionPolicy)7 }).FailureMessage, StringComparison.Ordinal);
    }
}
