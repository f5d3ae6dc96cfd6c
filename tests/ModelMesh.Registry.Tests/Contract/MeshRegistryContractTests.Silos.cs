using ModelMesh.Registry.Tests.Infrastructure;
using static ModelMesh.Registry.Tests.Contract.RegistryRecords;

namespace ModelMesh.Registry.Tests.Contract;

/// <summary>Silo leases and copy records: invariants 1-3.</summary>
public abstract partial class MeshRegistryContractTests
{
    [Fact]
    public async Task PutSiloAsync_New_FalseAndListed()
    {
        await using var registry = await CreateRegistryAsync();
        Assert.False(await registry.PutSiloAsync(Silo("s1", Epoch1), LongLease));

        var silo = Assert.Single(await registry.ListSilosAsync());
        Assert.Equal(Silo("s1", Epoch1).Address, silo.Address);
        Assert.Equal(Epoch1, silo.Epoch);
        Assert.Equal(2, silo.Devices.Count);
        Assert.Equal(8_000_000, silo.Devices[1].CapacityBytes);
        Assert.Equal(DateTimeOffset.MaxValue, silo.OldestLruAt);
        Assert.Equal("a", silo.Labels["zone"]);
    }

    [Fact]
    public async Task PutSiloAsync_LiveSameEpoch_TrueAndUpdated()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.PutSiloAsync(Silo("s1", Epoch1), LongLease);

        Assert.True(await registry.PutSiloAsync(Silo("s1", Epoch1) with { InFlight = 7 }, LongLease));
        Assert.Equal(7, Assert.Single(await registry.ListSilosAsync()).InFlight);
    }

    [Fact]
    public async Task PutSiloAsync_LiveOtherEpoch_False()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.PutSiloAsync(Silo("s1", Epoch1), LongLease);

        Assert.False(await registry.PutSiloAsync(Silo("s1", Epoch2), LongLease));
        Assert.Equal(Epoch2, Assert.Single(await registry.ListSilosAsync()).Epoch);
    }

    [Fact]
    public async Task PutSiloAsync_AfterLeaseExpired_False()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.PutSiloAsync(Silo("s1", Epoch1), ShortLease);
        PassTime(ShortLease);
        await Eventually.TrueAsync(async () => (await registry.ListSilosAsync()).Count == 0, WaitLimit, "lease expires");

        Assert.False(await registry.PutSiloAsync(Silo("s1", Epoch1), LongLease));
    }

    [Fact]
    public async Task ListSilosAsync_LeaseExpired_SiloAndItsCopiesGone()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.PutSiloAsync(Silo("s1", Epoch1), ShortLease);
        await registry.PutSiloAsync(Silo("s2", Epoch1), LongLease);
        await registry.PutCopyAsync(Copy("m1", "s1", Epoch1));
        await registry.PutCopyAsync(Copy("m1", "s2", Epoch1));
        PassTime(ShortLease);

        await Eventually.TrueAsync(async () => (await registry.ListSilosAsync()).Count == 1, WaitLimit, "s1's lease expires");
        Assert.Equal("s2", Assert.Single(await registry.ListSilosAsync()).SiloId);
        Assert.Equal("s2", Assert.Single(await registry.GetCopiesAsync("m1")).SiloId);
    }

    [Fact]
    public async Task RemoveSiloAsync_MatchingEpoch_RemovesLeaseAndItsCopies()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.PutSiloAsync(Silo("s1", Epoch1), LongLease);
        await registry.PutCopyAsync(Copy("m1", "s1", Epoch1));
        await registry.PutCopyAsync(Copy("m2", "s1", Epoch1));
        await registry.PutCopyAsync(Copy("m2", "s2", Epoch1));

        await registry.RemoveSiloAsync("s1", Epoch1);

        Assert.Empty(await registry.ListSilosAsync());
        Assert.Empty(await registry.GetCopiesAsync("m1"));
        Assert.Equal("s2", Assert.Single(await registry.GetCopiesAsync("m2")).SiloId);
    }

    [Fact]
    public async Task RemoveSiloAsync_OtherEpoch_KeepsLeaseAndNewerCopies()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.PutSiloAsync(Silo("s1", Epoch2), LongLease);
        await registry.PutCopyAsync(Copy("m1", "s1", Epoch2));

        await registry.RemoveSiloAsync("s1", Epoch1);

        Assert.Equal(Epoch2, Assert.Single(await registry.ListSilosAsync()).Epoch);
        Assert.Equal(Epoch2, Assert.Single(await registry.GetCopiesAsync("m1")).Epoch);
    }

    [Fact]
    public async Task RemoveSiloAsync_LeaseOfNewEpoch_RemovesOnlyOldEpochCopies()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.PutCopyAsync(Copy("m1", "s1", Epoch1));
        await registry.PutSiloAsync(Silo("s1", Epoch2), LongLease);
        await registry.PutCopyAsync(Copy("m2", "s1", Epoch2));

        await registry.RemoveSiloAsync("s1", Epoch1);

        Assert.Empty(await registry.GetCopiesAsync("m1"));
        Assert.Single(await registry.GetCopiesAsync("m2"));
        Assert.Single(await registry.ListSilosAsync());
    }

    [Fact]
    public async Task PutCopyAsync_ThenGet_RoundTripsAndReplaces()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.PutCopyAsync(Copy("m1", "s1", Epoch1, CopyState.Loading));
        await registry.PutCopyAsync(Copy("m1", "s2", Epoch1) with { State = CopyState.Failed, Error = "boom", Device = "gpu:0" });
        await registry.PutCopyAsync(Copy("m1", "s1", Epoch1, CopyState.Loaded));

        var copies = (await registry.GetCopiesAsync("m1")).OrderBy(c => c.SiloId, StringComparer.Ordinal).ToList();
        Assert.Equal(2, copies.Count);
        Assert.Equal(Copy("m1", "s1", Epoch1, CopyState.Loaded), copies[0]);
        Assert.Equal(CopyState.Failed, copies[1].State);
        Assert.Equal("boom", copies[1].Error);
        Assert.Equal("gpu:0", copies[1].Device);
        Assert.Empty(await registry.GetCopiesAsync("m-other"));
    }

    [Fact]
    public async Task RemoveCopyAsync_MatchingEpoch_Removed()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.PutCopyAsync(Copy("m1", "s1", Epoch1));

        await registry.RemoveCopyAsync("m1", "s1", Epoch1);

        Assert.Empty(await registry.GetCopiesAsync("m1"));
    }

    [Fact]
    public async Task RemoveCopyAsync_OtherEpoch_Kept()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.PutCopyAsync(Copy("m1", "s1", Epoch2));

        await registry.RemoveCopyAsync("m1", "s1", Epoch1);
        await registry.RemoveCopyAsync("m1", "s9", Epoch2);

        Assert.Equal(Epoch2, Assert.Single(await registry.GetCopiesAsync("m1")).Epoch);
    }
}
