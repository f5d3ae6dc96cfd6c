using ModelMesh.Registry.Tests.Infrastructure;
using static ModelMesh.Registry.Tests.Contract.RegistryRecords;

namespace ModelMesh.Registry.Tests.Contract;

/// <summary>Snapshot and change stream: invariant 7.</summary>
public abstract partial class MeshRegistryContractTests
{
    [Fact]
    public async Task GetSnapshotAsync_Populated_HoldsModelsAndVModels()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.RegisterModelAsync(Model("m1"));
        await registry.RegisterModelAsync(Model("m2"));
        await registry.SetVModelAsync(new VModelRecord("v1", "m1", null, DateTimeOffset.UnixEpoch));

        var snapshot = await registry.GetSnapshotAsync();

        Assert.Equal(["m1", "m2"], snapshot.Models.Select(m => m.ModelId).Order(StringComparer.Ordinal));
        Assert.Equal("v1", Assert.Single(snapshot.VModels).VModelId);
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
        await registry.DeleteVModelAsync("v1");
        await registry.UnregisterModelAsync("m1");

        var events = await Eventually.TakeAsync(ct => registry.WatchAsync(position, ct), 4, WaitLimit);

        Assert.Equal(
            [
                (RegistryEventKind.ModelRegistered, "m1"),
                (RegistryEventKind.VModelChanged, "v1"),
                (RegistryEventKind.VModelDeleted, "v1"),
                (RegistryEventKind.ModelUnregistered, "m1"),
            ],
            events.Select(e => (e.Kind, e.Key)));
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
}
