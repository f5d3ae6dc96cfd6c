using ModelMesh.Orleans.Board;
using ModelMesh.Orleans.Copies;
using ModelMesh.Testing;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace ModelMesh.Orleans.Tests;

/// <summary>The device-memory placement director on a real multi-silo cluster.</summary>
public sealed class PlacementTests
{
    [Fact]
    public async Task Copy_lands_on_the_best_fit_silo_and_never_on_a_draining_one()
    {
        // Silo 0 (the gateway) has the most room, silo 1 the least that fits: best fit packs the copy onto silo 1.
        await using var mesh = await CopyCluster.StartAsync(
            o => o.CpuCapacityBytes = 64L << 20,
            o => o.CpuCapacityBytes = 24L << 20,
            o => o.CpuCapacityBytes = 40L << 20);
        mesh.Register("a");
        mesh.Register("b");

        var status = await mesh.Copy("a").WaitLoadedAsync();
        Assert.Equal(1, mesh.IndexOf(status.Silo));
        Assert.Single(mesh.Cache(1).Copies());

        // Silo 1 drains: once its publication says so, the next best fit (silo 2) takes the next model.
        mesh.Cache(1).Draining = true;
        await Eventually.Until(() => mesh.Service<CapacityBoard>(0).TryGet(mesh.Silos[1].SiloAddress, out var c) && c.Draining,
            CopyCluster.Patience, "silo 0 sees silo 1 draining");
        status = await mesh.Copy("b").WaitLoadedAsync();
        Assert.Equal(2, mesh.IndexOf(status.Silo));
    }

    [Fact]
    public async Task A_gpu_model_goes_to_the_best_fit_gpu_of_the_silos_that_have_gpus()
    {
        // Silo 0 has no GPU; silo 1 has GPUs of 100 and 50 MiB, silo 2 one of 80 MiB. Best fit by GPU memory: silo 1's gpu:1.
        // (This machine has no GPU, so the copy's session then fails to load; placement and admission are what is tested.)
        await using var mesh = await CopyCluster.StartAsync(
            _ => { },
            o => o.GpuCapacityBytes = new Dictionary<int, long> { [0] = 100L << 20, [1] = 50L << 20 },
            o => o.GpuCapacityBytes = new Dictionary<int, long> { [0] = 80L << 20 });
        mesh.Registrations.Register(new Registrations.ModelRegistration("vision", mesh.SamplePath(Onnx.SampleModels.Simple), DeviceClass: "gpu"));

        var status = await mesh.Copy("vision").GetStatusAsync();
        Assert.Equal(1, mesh.IndexOf(status.Silo));
        Assert.Equal("gpu:1", status.Device);
    }

    [Fact]
    public async Task Two_copies_of_one_model_never_share_a_silo()
    {
        await using var mesh = await CopyCluster.StartAsync(_ => { }, _ => { }, _ => { });
        mesh.Register("m");

        var silos = new List<SiloAddress>();
        for (var copy = 0; copy < 3; copy++)
        {
            silos.Add((await mesh.Copy("m", copy).GetStatusAsync()).Silo);
        }

        Assert.Equal(3, silos.Distinct().Count());

        // A fourth copy has no silo left: a typed, retryable UNAVAILABLE from placement.
        var refused = await Assert.ThrowsAsync<ModelCopyException>(() => mesh.Copy("m", 3).GetStatusAsync());
        Assert.Equal(CopyFailure.NoEligibleSilo, refused.Failure);
        Assert.Equal(14, refused.GrpcStatus);
    }

    [Fact]
    public async Task A_burst_of_placements_spreads_over_the_silos_load_slots()
    {
        // Publications only at start and on membership changes (the interval is an hour, none on copy changes), so the burst is placed from the
        // director's own reservations alone: without them all six would see the same free bytes and go to one silo.
        // Silo 0, the gateway whose director places the burst, is a front door (no model capacity).
        static void Quiet(Orleans.Cache.CopyCacheOptions o)
        {
            o.PublishInterval = TimeSpan.FromHours(1);
            o.PublishOnChange = false;
            o.ReservationTimeout = TimeSpan.FromHours(1);
        }

        await using var mesh = await CopyCluster.StartAsync(o => { Quiet(o); o.CpuCapacityBytes = 0; }, Quiet, Quiet, Quiet);
        var models = Enumerable.Range(0, 6).Select(i => "burst" + i).ToList();
        models.ForEach(m => mesh.Register(m));

        var statuses = await Task.WhenAll(models.Select(m => mesh.Copy(m).GetStatusAsync()));

        // Two load slots per silo (MaxConcurrentLoads' default): exactly two copies each.
        var perSilo = statuses.GroupBy(s => s.Silo).Select(g => g.Count()).OrderBy(c => c).ToList();
        Assert.Equal([2, 2, 2], perSilo);
    }

    [Fact]
    public async Task A_silo_that_leaves_is_pruned_from_the_board_and_never_chosen()
    {
        await using var mesh = await CopyCluster.StartAsync(_ => { }, _ => { }, o => o.CpuCapacityBytes = 8L << 20);
        var leaving = mesh.Silos[2];
        var board = mesh.Service<CapacityBoard>(0);

        await mesh.Cluster.StopSiloAsync(leaving);

        await Eventually.Until(() => !board.TryGet(leaving.SiloAddress, out _), CopyCluster.Patience,
            "silo 0's board drops the silo that left");
        mesh.Register("after");
        var status = await mesh.Copy("after").WaitLoadedAsync();
        Assert.NotEqual(leaving.SiloAddress, status.Silo);
    }

    [Fact]
    public async Task A_model_larger_than_any_device_is_resource_exhausted()
    {
        await using var mesh = await CopyCluster.StartAsync(_ => { }, _ => { });
        mesh.Register("huge", sizeHintBytes: 1L << 30);

        var error = await Assert.ThrowsAsync<ModelCopyException>(() => mesh.Copy("huge").GetStatusAsync());
        Assert.Equal(CopyFailure.ModelTooLarge, error.Failure);
        Assert.Equal(8, error.GrpcStatus);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task A_stale_activation_on_a_full_silo_refuses_and_the_next_call_is_placed_anew()
    {
        // Silo 1 holds 3 MiB and keeps recent copies (an hour's churn guard). A placement hint stands for a stale location
        // cache: the activation is created on silo 1 without the director's check, and silo 1's own admission refuses it.
        await using var mesh = await CopyCluster.StartAsync(
            _ => { },
            o => { o.CpuCapacityBytes = 3L << 20; o.ChurnGuard = TimeSpan.FromHours(1); });
        mesh.Register("small");
        mesh.Register("big", sizeHintBytes: 3L << 20); // all of silo 1: "small" (about 130-260 KiB) must go first
        var full = mesh.Silos[1].SiloAddress;

        RequestContext.Set(IPlacementDirector.PlacementHintKey, full);
        try
        {
            Assert.Equal(full, (await mesh.Copy("small").WaitLoadedAsync()).Silo);
            var usedBefore = mesh.Cache(1).UsedBytes("cpu");

            var refused = await Assert.ThrowsAsync<ModelCopyException>(() => mesh.Copy("big").WaitLoadedAsync());
            Assert.Equal(CopyFailure.SiloFull, refused.Failure);
            Assert.Equal(10, refused.GrpcStatus);
            Assert.Equal(["small/0"], mesh.Cache(1).Copies().Select(c => c.KeyText));
            Assert.Equal(usedBefore, mesh.Cache(1).UsedBytes("cpu"));
        }
        finally
        {
            RequestContext.Clear();
        }

        // The refused activation deactivated itself: without the stale hint, the director places the copy where it fits.
        var placed = await Eventually.Value(async () =>
        {
            try
            {
                return await mesh.Copy("big").WaitLoadedAsync();
            }
            catch (ModelCopyException e) when (e.Failure == CopyFailure.SiloFull)
            {
                return null; // the refused activation is still deactivating
            }
        }, CopyCluster.Patience, "big/0 is placed on a silo with room");
        Assert.Equal(0, mesh.IndexOf(placed.Silo));
    }
}
