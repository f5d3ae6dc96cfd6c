using ModelMesh.FrontDoor.Routing;
using ModelMesh.Registry;

namespace ModelMesh.FrontDoor.Tests;

public sealed class RoutingTableServedTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

    private static SiloRecord Silo(string id, long epoch = 1) => new()
    {
        SiloId = id,
        Epoch = epoch,
        Address = id + ":1",
        Devices = [new DeviceCapacity("cpu", 1000, 0)],
    };

    private static CopyRecord Copy(string silo, CopyState state, long epoch = 1) =>
        new() { ModelId = "m", SiloId = silo, Epoch = epoch, State = state };

    [Fact]
    public void ObserveServed_LoadingCopyInView_BecomesLoadedOnALiveSiloAndLeavesTheLoadingIndex()
    {
        var table = new RoutingTable();
        var a = Silo("a");
        table.SetSilos([a, Silo("b")]);
        table.SetCopies("m", [Copy("a", CopyState.Loading), Copy("b", CopyState.Loaded)]);

        table.ObserveServed("m", a, table.Route("m").CopiesVersion, Now);

        var copies = table.Route("m").Copies;
        Assert.Equal(2, copies.Count);
        var onA = Assert.Single(copies, c => c.SiloId == "a");
        Assert.Equal(CopyState.Loaded, onA.State);
        Assert.NotNull(table.LiveSilo(onA));
        Assert.Empty(table.LoadingCopies());
    }

    [Fact]
    public void ObserveServed_AlreadyLoaded_KeepsTheSameRecords()
    {
        var table = new RoutingTable();
        var a = Silo("a");
        table.SetSilos([a]);
        IReadOnlyList<CopyRecord> copies = [Copy("a", CopyState.Loaded)];
        table.SetCopies("m", copies);

        table.ObserveServed("m", a, table.Route("m").CopiesVersion, Now);

        Assert.Same(copies, table.Route("m").Copies);
    }

    [Fact]
    public void ObserveServed_ThenRegistryRecords_RegistryWins()
    {
        var table = new RoutingTable();
        var a = Silo("a");
        table.SetSilos([a]);
        table.ObserveServed("m", a, table.Route("m").CopiesVersion, Now);

        table.SetCopies("m", []); // the registry says the copy is gone (evicted since)

        Assert.Empty(table.Route("m").Copies);
    }

    [Fact]
    public void ObserveServed_RegistryReplacedTheCopiesDuringTheCall_RegistryViewStays()
    {
        var table = new RoutingTable();
        var a = Silo("a");
        table.SetSilos([a]);
        var atStart = table.Route("m").CopiesVersion;
        table.SetCopies("m", [Copy("a", CopyState.Loaded)]); // loaded (the call's own load) ...
        table.SetCopies("m", []);                           // ... and unloaded again (drained) before the answer

        table.ObserveServed("m", a, atStart, Now);

        Assert.Empty(table.Route("m").Copies);
    }
}
