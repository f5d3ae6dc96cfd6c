using ModelMesh.Registry.Tests.Infrastructure;
using static ModelMesh.Registry.Tests.Contract.RegistryRecords;

namespace ModelMesh.Registry.Tests.Contract;

/// <summary>Snapshot and change stream: invariant 7.</summary>
public abstract partial class MeshRegistryContractTests
{
    [Fact]
    public async Task GetSnapshotAsync_Populated_HoldsEverythingLive()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.RegisterModelAsync(Model("m1"));
        await registry.RegisterModelAsync(Model("m2"));
        await registry.SetVModelAsync(new VModelRecord("v1", "m1", null, DateTimeOffset.UnixEpoch));
        await registry.PutSiloAsync(Silo("s1", Epoch1), LongLease);
        await registry.PutCopyAsync(Copy("m1", "s1", Epoch1));
        await registry.PutCopyAsync(Copy("m2", "s1", Epoch1, CopyState.Loading));

        var snapshot = await registry.GetSnapshotAsync();

        Assert.Equal(["m1", "m2"], snapshot.Models.Select(m => m.ModelId).Order(StringComparer.Ordinal));
        Assert.Equal("v1", Assert.Single(snapshot.VModels).VModelId);
        Assert.Equal("s1", Assert.Single(snapshot.Silos).SiloId);
        Assert.Equal(
            [("m1", CopyState.Loaded), ("m2", CopyState.Loading)],
            snapshot.Copies.Select(c => (c.ModelId, c.State)).OrderBy(c => c.ModelId, StringComparer.Ordinal));
        Assert.False(string.IsNullOrEmpty(snapshot.StreamPosition));
    }

    [Fact]
    public async Task WatchAsync_FromSnapshotPosition_YieldsLaterEventsInOrder()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.RegisterModelAsync(Model("before"));
        var position = (await registry.GetSnapshotAsync()).StreamPosition;

        await registry.RegisterModelAsync(Model("m1"));
        await registry.SetVModelAsync(new VModelRecord("v1", "m1", null, DateTimeOffset.UnixEpoch));
        await registry.PutSiloAsync(Silo("s1", Epoch1), LongLease);
        await registry.PutCopyAsync(Copy("m1", "s1", Epoch1));
        await registry.ClaimLoadAsync("m1", "s1", Epoch1, LongLease);
        await registry.RemoveCopyAsync("m1", "s1", Epoch1);
        await registry.DeleteVModelAsync("v1");
        await registry.UnregisterModelAsync("m1");
        await registry.RemoveSiloAsync("s1", Epoch1);

        var events = await Eventually.TakeAsync(ct => registry.WatchAsync(position, ct), 9, WaitLimit);

        Assert.Equal(
            [
                (RegistryEventKind.ModelRegistered, "m1", null),
                (RegistryEventKind.VModelChanged, "v1", null),
                (RegistryEventKind.SiloChanged, "s1", null),
                (RegistryEventKind.CopyChanged, "m1", "s1"),
                (RegistryEventKind.ClaimChanged, "m1", "s1"),
                (RegistryEventKind.CopyRemoved, "m1", "s1"),
                (RegistryEventKind.VModelDeleted, "v1", null),
                (RegistryEventKind.ModelUnregistered, "m1", null),
                (RegistryEventKind.SiloRemoved, "s1", (string?)null),
            ],
            events.Select(e => (e.Kind, e.Key, e.SiloId)));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task WatchAsync_Waiting_YieldsMutationMadeAfterwards()
    {
        await using var registry = await CreateRegistryAsync();
        var position = (await registry.GetSnapshotAsync()).StreamPosition;
        var watch = Eventually.TakeAsync(ct => registry.WatchAsync(position, ct), 2, WaitLimit);

        await Task.Delay(50);
        await registry.RegisterModelAsync(Model("m1"));
        await registry.UnregisterModelAsync("m1");

        Assert.Equal(
            [RegistryEventKind.ModelRegistered, RegistryEventKind.ModelUnregistered],
            (await watch).Select(e => e.Kind));
    }

    [Fact]
    public async Task WatchAsync_FromEventId_ResumesAfterIt()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.RegisterModelAsync(Model("m1"));
        await registry.RegisterModelAsync(Model("m2"));
        await registry.RegisterModelAsync(Model("m3"));
        var all = await Eventually.TakeAsync(ct => registry.WatchAsync("0", ct), 3, WaitLimit);

        var rest = await Eventually.TakeAsync(ct => registry.WatchAsync(all[0].Id, ct), 2, WaitLimit);

        Assert.Equal(["m1", "m2", "m3"], all.Select(e => e.Key));
        Assert.Equal(["m2", "m3"], rest.Select(e => e.Key));
    }

    [Fact]
    public async Task WatchAsync_FromEmptyPosition_StartsAtBeginning()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.RegisterModelAsync(Model("m1"));

        var events = await Eventually.TakeAsync(ct => registry.WatchAsync("", ct), 1, WaitLimit);

        Assert.Equal("m1", Assert.Single(events).Key);
    }

    [Fact]
    public async Task WatchAsync_PositionTrimmed_ThrowsGap()
    {
        await using var registry = await CreateRegistryAsync(maxEvents: 10);
        await registry.RegisterModelAsync(Model("m0"));
        var position = (await registry.GetSnapshotAsync()).StreamPosition;
        await Task.WhenAll(Enumerable.Range(1, 300).Select(i => registry.RegisterModelAsync(Model($"m{i}"))));

        var gap = await Assert.ThrowsAsync<RegistryStreamGapException>(
            () => Eventually.TakeAsync(ct => registry.WatchAsync(position, ct), 1, WaitLimit));
        Assert.Equal(position, gap.Position);
        await Assert.ThrowsAsync<RegistryStreamGapException>(
            () => Eventually.TakeAsync(ct => registry.WatchAsync("0", ct), 1, WaitLimit));

        var fresh = (await registry.GetSnapshotAsync()).StreamPosition;
        var watch = Eventually.TakeAsync(ct => registry.WatchAsync(fresh, ct), 1, WaitLimit);
        await registry.UnregisterModelAsync("m1");
        Assert.Equal(RegistryEventKind.ModelUnregistered, Assert.Single(await watch).Kind);
    }

    [Fact]
    public async Task WatchAsync_ForeignPosition_ThrowsGap()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.RegisterModelAsync(Model("m1"));

        await Assert.ThrowsAsync<RegistryStreamGapException>(
            () => Eventually.TakeAsync(ct => registry.WatchAsync("not-a-position", ct), 1, WaitLimit));
        await Assert.ThrowsAsync<RegistryStreamGapException>(
            () => Eventually.TakeAsync(ct => registry.WatchAsync("99999999999999-0", ct), 1, WaitLimit));
    }

    [Fact]
    public async Task ListSilosAsync_LeaseExpired_EmitsSiloRemoved()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.PutSiloAsync(Silo("s1", Epoch1), ShortLease);
        await registry.PutCopyAsync(Copy("m1", "s1", Epoch1));
        var position = (await registry.GetSnapshotAsync()).StreamPosition;
        PassTime(ShortLease);

        await Eventually.TrueAsync(async () => (await registry.ListSilosAsync()).Count == 0, WaitLimit, "lease expires");
        var events = await Eventually.TakeAsync(ct => registry.WatchAsync(position, ct), 2, WaitLimit);

        Assert.Contains(events, e => e is { Kind: RegistryEventKind.SiloRemoved, Key: "s1" });
        Assert.Contains(events, e => e is { Kind: RegistryEventKind.CopyRemoved, Key: "m1", SiloId: "s1" });
    }
}
