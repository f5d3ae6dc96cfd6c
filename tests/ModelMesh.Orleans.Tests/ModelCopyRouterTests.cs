using Orleans.Concurrency;
using ModelMesh.Orleans.Copies;
using ModelMesh.Orleans.Routing;
using ModelMesh.Testing;

namespace ModelMesh.Orleans.Tests;

/// <summary>The front door's copy router on a real in-process cluster: retries after a kill -9, typed errors, unload.</summary>
public sealed class ModelCopyRouterTests
{
    private static readonly TimeSpan Roomy = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task After_a_kill_9_of_the_silo_holding_the_copy_every_request_succeeds_on_a_live_silo()
    {
        await using var mesh = await RoutingCluster.StartAsync(modelSilos: 2);
        var (router, victim) = await LoadThenKillAsync(mesh);
        Assert.NotEqual(0, victim);
        var survivor = mesh.Silos.Single(s => s.SiloAddress != mesh.Silos[0].SiloAddress);
        var survivorCache = mesh.Cache(mesh.IndexOf(survivor.SiloAddress));

        // Orleans still routes copy 0 to the dead silo (not yet declared dead): the router's retry takes another copy
        // number, placed on the live model silo (the dead one's last publication holds the model, the front door none).
        // Four concurrent callers, ten requests each: none fails.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            for (var i = 0; i < 10; i++)
            {
                var response = await router.InferAsync("simple", RoutingCluster.Request("simple"), RoutingCluster.In(Roomy), CancellationToken.None);
                Assert.Equal(Inference.Sum, Inference.Outputs(response.Value).Sum);
            }
        }));

        Assert.Contains(survivorCache.Copies(), c => c.ModelId == "simple" && c.State == Cache.CopyState.Loaded);
        Assert.Equal(survivor.SiloAddress, (await router.EnsureLoadedAsync("simple", RoutingCluster.In(Roomy), CancellationToken.None)).Silo);
    }

    [Fact]
    public async Task Without_retries_the_first_call_after_a_kill_9_fails_fast_as_unavailable()
    {
        // The simulated kill -9 is faithful: the dead silo is still a member, so its copy's id still routes there and the
        // call fails fast (connection refused), not after a timeout. This is what the router's retry must get around.
        await using var mesh = await RoutingCluster.StartAsync(modelSilos: 2, routing: o => o.MaxAttempts = 1);
        var (router, _) = await LoadThenKillAsync(mesh);

        var error = await Assert.ThrowsAsync<ModelCopyException>(() =>
            router.InferAsync("simple", RoutingCluster.Request("simple"), RoutingCluster.In(Roomy), CancellationToken.None));
        Assert.Equal(CopyFailure.SiloUnavailable, error.Failure);
        Assert.Equal(14, error.GrpcStatus);
    }

    [Fact]
    public async Task After_a_kill_9_a_deadline_too_short_to_retry_fails_with_deadline_or_unavailable_not_a_hang()
    {
        await using var mesh = await RoutingCluster.StartAsync(modelSilos: 2);
        var (router, _) = await LoadThenKillAsync(mesh);

        // One millisecond: the first attempt meets the dead silo (or the deadline first); no room for a cold load elsewhere.
        var error = await Assert.ThrowsAsync<ModelCopyException>(() =>
            router.InferAsync("simple", RoutingCluster.Request("simple"), RoutingCluster.In(TimeSpan.FromMilliseconds(1)), CancellationToken.None));
        Assert.Contains(error.GrpcStatus, new[] { 4, 14 });

        // A deadline already passed is refused before any call.
        error = await Assert.ThrowsAsync<ModelCopyException>(() =>
            router.InferAsync("simple", RoutingCluster.Request("simple"), DateTime.UtcNow.AddSeconds(-1), CancellationToken.None));
        Assert.Equal(CopyFailure.DeadlineExceeded, error.Failure);
        Assert.Equal(4, error.GrpcStatus);
    }

    [Fact]
    public async Task Client_errors_are_answered_at_once_without_trying_another_copy()
    {
        await using var mesh = await RoutingCluster.StartAsync(modelSilos: 2);
        mesh.Register("simple");
        var router = mesh.Service<ModelCopyRouter>(0);

        var bad = await Assert.ThrowsAsync<ModelCopyException>(() =>
            router.InferAsync("simple", new Immutable<byte[]>([0xff, 0xff, 0xff]), RoutingCluster.In(Roomy), CancellationToken.None));
        Assert.Equal(3, bad.GrpcStatus);
        Assert.Equal([(mesh.Holders("simple").Single().Silo, 0)], mesh.Holders("simple")); // a retry would have made copy 1 elsewhere

        var unknown = await Assert.ThrowsAsync<ModelCopyException>(() =>
            router.InferAsync("nobody", RoutingCluster.Request("nobody"), RoutingCluster.In(Roomy), CancellationToken.None));
        Assert.Equal(CopyFailure.ModelNotFound, unknown.Failure);
        Assert.Equal(5, unknown.GrpcStatus);
        Assert.Empty(mesh.Holders("nobody"));
    }

    [Fact]
    public async Task No_deadline_is_served_and_caller_cancellation_is_an_OperationCanceledException()
    {
        await using var mesh = await RoutingCluster.StartAsync(modelSilos: 1);
        mesh.Register("simple");
        var router = mesh.Service<ModelCopyRouter>(0);

        // gRPC's "no deadline" is DateTime.MaxValue.
        var response = await router.InferAsync("simple", RoutingCluster.Request("simple"), DateTime.MaxValue, CancellationToken.None);
        Assert.Equal(Inference.Sum, Inference.Outputs(response.Value).Sum);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            router.InferAsync("simple", RoutingCluster.Request("simple"), RoutingCluster.In(Roomy), cancelled.Token));
    }

    [Fact]
    public async Task UnloadAll_deactivates_every_copy_of_the_model_and_resets_its_count()
    {
        await using var mesh = await RoutingCluster.StartAsync(modelSilos: 2);
        mesh.Register("simple");
        mesh.Register("other");
        var router = mesh.Service<ModelCopyRouter>(0);
        await router.EnsureLoadedAsync("simple", RoutingCluster.In(Roomy), CancellationToken.None);
        await router.EnsureLoadedAsync("other", RoutingCluster.In(Roomy), CancellationToken.None);
        await mesh.Service<IGrainFactory>(0).GetGrain<IModelCopyGrain>("simple/1").WaitLoadedAsync(); // a second copy
        Assert.Equal(2, mesh.Holders("simple").Count);

        await router.UnloadAllAsync("simple", CancellationToken.None);

        await Eventually.Until(() => mesh.Holders("simple").Count == 0, CopyCluster.Patience, "no silo holds a copy of simple");
        Assert.Single(mesh.Holders("other"));
        Assert.Equal([0], (await mesh.Service<IGrainFactory>(0).GetGrain<IModelCopiesGrain>("simple").GetAsync()).Copies);
    }

    /// <summary>Registers "simple", loads its first copy through silo 0's router, kills (-9) the silo holding it.</summary>
    private static async Task<(ModelCopyRouter Router, int Victim)> LoadThenKillAsync(CopyCluster mesh)
    {
        mesh.Register("simple");
        var router = mesh.Service<ModelCopyRouter>(0);
        var loaded = await router.EnsureLoadedAsync("simple", RoutingCluster.In(Roomy), CancellationToken.None);
        var victim = mesh.IndexOf(loaded.Silo);
        await mesh.KillAsync(victim);
        return (router, victim);
    }
}
