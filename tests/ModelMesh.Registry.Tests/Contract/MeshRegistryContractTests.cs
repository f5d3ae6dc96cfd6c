using ModelMesh.Registry.Tests.Infrastructure;
using static ModelMesh.Registry.Tests.Contract.RegistryRecords;

namespace ModelMesh.Registry.Tests.Contract;

/// <summary>
/// The one contract every <see cref="IMeshRegistry"/> passes (docs/architecture.md, Registry invariants). Subclasses supply a fresh,
/// isolated registry. Models and vmodels are here; the snapshot and the change stream in the other part.
/// </summary>
public abstract partial class MeshRegistryContractTests
{
    protected static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    /// <summary>A fresh registry whose change stream keeps about <paramref name="maxEvents"/> events.</summary>
    protected abstract Task<IMeshRegistry> CreateRegistryAsync(int maxEvents = 10_000);

    [Fact]
    public async Task PingAsync_Reachable_Completes()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.PingAsync();
    }

    [Fact]
    public async Task RegisterModelAsync_New_CreatedAndStored()
    {
        await using var registry = await CreateRegistryAsync();
        var result = await registry.RegisterModelAsync(Model("m1"));

        Assert.Equal(RegisterOutcome.Created, result.Outcome);
        var stored = await registry.GetModelAsync("m1");
        Assert.NotNull(stored);
        Assert.True(stored.SameAttributes(Model("m1")));
        Assert.Equal("a", stored.RequiredLabels["zone"]);
        Assert.NotEqual(default, stored.RegisteredAt);
    }

    [Fact]
    public async Task RegisterModelAsync_SameAttributes_UnchangedWithStoredRecord()
    {
        await using var registry = await CreateRegistryAsync();
        var first = await registry.RegisterModelAsync(Model("m1"));
        var again = await registry.RegisterModelAsync(Model("m1") with { RegisteredAt = DateTimeOffset.UnixEpoch });

        Assert.Equal(RegisterOutcome.Unchanged, again.Outcome);
        Assert.Equal(first.Stored.RegisteredAt, again.Stored.RegisteredAt);
    }

    [Fact]
    public async Task RegisterModelAsync_DifferentAttributes_ConflictKeepsFirst()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.RegisterModelAsync(Model("m1", "file:///a.onnx"));
        var result = await registry.RegisterModelAsync(Model("m1", "file:///b.onnx"));

        Assert.Equal(RegisterOutcome.Conflict, result.Outcome);
        Assert.Equal("file:///a.onnx", result.Stored.StorageUri);
        Assert.Equal("file:///a.onnx", (await registry.GetModelAsync("m1"))!.StorageUri);
    }

    [Fact]
    public async Task UnregisterModelAsync_Known_TrueAndGone()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.RegisterModelAsync(Model("m1"));
        await registry.RegisterModelAsync(Model("m2"));

        Assert.True(await registry.UnregisterModelAsync("m1"));
        Assert.Null(await registry.GetModelAsync("m1"));
        Assert.Equal(["m2"], (await registry.ListModelsAsync()).Select(m => m.ModelId));
    }

    [Fact]
    public async Task UnregisterModelAsync_Unknown_False()
    {
        await using var registry = await CreateRegistryAsync();
        Assert.False(await registry.UnregisterModelAsync("nope"));
        Assert.Null(await registry.GetModelAsync("nope"));
    }

    [Fact]
    public async Task SetVModelAsync_NoExpectation_SetsAndLists()
    {
        await using var registry = await CreateRegistryAsync();
        var vmodel = new VModelRecord("v1", "m1", "team-a", DateTimeOffset.UnixEpoch);

        Assert.True(await registry.SetVModelAsync(vmodel));
        Assert.Equal(vmodel, await registry.GetVModelAsync("v1"));
        Assert.Equal([vmodel], await registry.ListVModelsAsync());
    }

    [Fact]
    public async Task SetVModelAsync_ExpectedTargetMatches_Replaces()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.SetVModelAsync(new VModelRecord("v1", "m1", null, DateTimeOffset.UnixEpoch));

        Assert.True(await registry.SetVModelAsync(new VModelRecord("v1", "m2", null, DateTimeOffset.UnixEpoch), "m1"));
        Assert.Equal("m2", (await registry.GetVModelAsync("v1"))!.TargetModelId);
    }

    [Fact]
    public async Task SetVModelAsync_ExpectedTargetDiffers_FalseAndUnchanged()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.SetVModelAsync(new VModelRecord("v1", "m1", null, DateTimeOffset.UnixEpoch));

        Assert.False(await registry.SetVModelAsync(new VModelRecord("v1", "m3", null, DateTimeOffset.UnixEpoch), "m2"));
        Assert.Equal("m1", (await registry.GetVModelAsync("v1"))!.TargetModelId);
    }

    [Fact]
    public async Task SetVModelAsync_ExpectedTargetButMissing_False()
    {
        await using var registry = await CreateRegistryAsync();
        Assert.False(await registry.SetVModelAsync(new VModelRecord("v1", "m1", null, DateTimeOffset.UnixEpoch), "m0"));
        Assert.Null(await registry.GetVModelAsync("v1"));
    }

    [Fact]
    public async Task DeleteVModelAsync_KnownThenUnknown_TrueThenFalse()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.SetVModelAsync(new VModelRecord("v1", "m1", null, DateTimeOffset.UnixEpoch));

        Assert.True(await registry.DeleteVModelAsync("v1"));
        Assert.False(await registry.DeleteVModelAsync("v1"));
        Assert.Null(await registry.GetVModelAsync("v1"));
        Assert.Empty(await registry.ListVModelsAsync());
    }
}
