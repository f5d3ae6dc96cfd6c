using ModelMesh.Orleans.Cache;
using ModelMesh.Orleans.Copies;
using ModelMesh.Orleans.Routing;
using ModelMesh.Testing;

namespace ModelMesh.Orleans.Tests;

/// <summary>The per-model copy count: scale-up over the thresholds, never more copies than model silos, spares ageing out.</summary>
public sealed class ModelCopiesGrainTests
{
    private static readonly TimeSpan Roomy = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Load_over_the_threshold_adds_a_warmed_copy_on_another_silo_and_never_more_copies_than_model_silos()
    {
        // Five requests a minute per copy is the threshold here; no cooldown. Two model silos: two copies at most.
        await using var mesh = await RoutingCluster.StartAsync(modelSilos: 2,
            routing: o => o.ReportInterval = TimeSpan.FromMilliseconds(200),
            placement: o => (o.RequestsPerMinutePerCopyThreshold, o.ScaleUpCooldown) = (5, TimeSpan.Zero));
        mesh.Register("simple");
        var router = mesh.Service<ModelCopyRouter>(0);
        var copies = mesh.Service<IGrainFactory>(0).GetGrain<IModelCopiesGrain>("simple");

        await Eventually.Until(async () => { await SendAsync(router, 5); return router.KnownCopies("simple").Count == 2; },
            CopyCluster.Patience, "under steady load the router routes to a second copy");

        var first = await mesh.Copy("simple", 0).GetStatusAsync();
        var second = await mesh.Copy("simple", 1).GetStatusAsync();
        Assert.Equal(CopyState.Loaded, second.State); // warmed before routers saw it
        Assert.NotEqual(first.Silo, second.Silo);
        Assert.DoesNotContain(0, new[] { mesh.IndexOf(first.Silo), mesh.IndexOf(second.Silo) });

        // Still over the threshold, but at the copy limit: every report now answers the same two copies, none warming.
        await SendAsync(router, 20);
        for (var i = 0; i < 5; i++)
        {
            var set = await copies.ReportAsync(new CopyLoadReport { Reporter = "test", RequestsByCopy = new Dictionary<int, long> { [0] = 10 } });
            Assert.Equal([0, 1], set.Copies);
            Assert.Equal(-1, set.Warming);
        }

        Assert.Equal(2, mesh.Holders("simple").Count);
    }

    [Fact]
    public async Task A_spare_copy_idle_past_the_spare_age_is_deactivated_and_the_count_drops()
    {
        await using var mesh = await RoutingCluster.StartAsync(modelSilos: 2,
            routing: o => (o.ReportInterval, o.SpareIdleAge) = (TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2)),
            placement: o => (o.RequestsPerMinutePerCopyThreshold, o.ScaleUpCooldown) = (5, TimeSpan.FromMinutes(10)));
        mesh.Register("simple");
        var router = mesh.Service<ModelCopyRouter>(0);
        var copies = mesh.Service<IGrainFactory>(0).GetGrain<IModelCopiesGrain>("simple");
        await Eventually.Until(async () => { await SendAsync(router, 5); return (await copies.GetAsync()).Copies.Count == 2; },
            CopyCluster.Patience, "under steady load, a second copy");
        Assert.Contains(mesh.Holders("simple"), h => h.Copy == 1);

        // No more requests: copy 1 (a spare) ages out and is deactivated; copy 0 stays.
        await Eventually.Until(() => mesh.Holders("simple").All(h => h.Copy == 0), CopyCluster.Patience, "copy 1 deactivated");
        Assert.Equal([0], (await copies.GetAsync()).Copies);
        Assert.Equal(0, Assert.Single(mesh.Holders("simple")).Copy);
    }

    [Fact]
    public async Task A_quiet_single_copy_model_reports_no_load_and_activates_no_copy_count_grain_while_a_busy_one_does()
    {
        // Rounds only when the test runs one (a 2-minute interval). A router reports a one-copy model when its rate here
        // times the members (3) reaches half the threshold (20 a minute per copy): "simple", 3 requests in the round, is
        // 1.5 a minute x 3 = 4.5 < 10; "busy", 40 requests, is 20 x 3 = 60 >= 10.
        await using var mesh = await RoutingCluster.StartAsync(modelSilos: 2,
            routing: o => o.ReportInterval = TimeSpan.FromMinutes(2),
            placement: o => o.RequestsPerMinutePerCopyThreshold = 20);
        mesh.Register("simple");
        mesh.Register("busy");
        var router = mesh.Service<ModelCopyRouter>(0);
        var grains = mesh.Service<IGrainFactory>(0);

        await SendAsync(router, 3);
        for (var i = 0; i < 40; i++)
        {
            await router.InferAsync("busy", RoutingCluster.Request("busy"), RoutingCluster.In(Roomy), CancellationToken.None);
        }

        await mesh.Service<CopyLoadReporter>(0).ReportOnceAsync();

        Assert.False(mesh.Cluster.TryGetGrainContext(grains.GetGrain<IModelCopiesGrain>("simple").GetGrainId(), out _),
            "a quiet model's copy count grain is never activated");
        Assert.True(mesh.Cluster.TryGetGrainContext(grains.GetGrain<IModelCopiesGrain>("busy").GetGrainId(), out _),
            "a busy model's load is reported to its copy count grain");
        Assert.Equal([0], router.KnownCopies("simple"));
    }

    private static async Task SendAsync(ModelCopyRouter router, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var response = await router.InferAsync("simple", RoutingCluster.Request("simple"), RoutingCluster.In(Roomy), CancellationToken.None);
            Assert.Equal(Inference.Sum, Inference.Outputs(response.Value).Sum);
        }
    }
}
