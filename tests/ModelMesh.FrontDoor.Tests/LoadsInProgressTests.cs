using ModelMesh.FrontDoor.Routing;
using ModelMesh.Registry;

namespace ModelMesh.FrontDoor.Tests;

public sealed class LoadsInProgressTests
{
    private static SiloRecord Silo(string id, long epoch = 1) => new() { SiloId = id, Epoch = epoch, Address = id + ":1" };

    private static CopyRecord Copy(string model, string silo, CopyState state, long epoch = 1) =>
        new() { ModelId = model, SiloId = silo, Epoch = epoch, State = state };

    [Fact]
    public void BySilo_OwnPlacementsBeginAndEnd_CountedWhileUnderWay()
    {
        var table = new RoutingTable();
        table.SetSilos([Silo("a"), Silo("b")]);
        var loads = new LoadsInProgress(table);

        loads.Begin("a", "m1");
        loads.Begin("a", "m2");
        loads.Begin("b", "m1");
        loads.Begin("a", "m1"); // a second request placed the same load: counted once, ended twice

        Assert.Equal(2, loads.BySilo()["a"]);
        Assert.Equal(1, loads.BySilo()["b"]);

        loads.End("a", "m1");
        Assert.Equal(2, loads.BySilo()["a"]);
        loads.End("a", "m1");
        loads.End("b", "m1");
        Assert.Equal(1, loads.BySilo()["a"]);
        Assert.False(loads.BySilo().ContainsKey("b"));

        loads.End("b", "m1"); // an extra End is harmless
        Assert.False(loads.BySilo().ContainsKey("b"));
    }

    [Fact]
    public void BySilo_RegistryLoadingCopies_CountedOnceWithOwnPlacementsAndOnlyOnLiveSilos()
    {
        var table = new RoutingTable();
        table.SetSilos([Silo("a"), Silo("b", epoch: 2)]);
        var loads = new LoadsInProgress(table);
        loads.Begin("a", "m1");

        table.SetCopies("m1", [Copy("m1", "a", CopyState.Loading)]);
        table.SetCopies("m2", [Copy("m2", "a", CopyState.Loading), Copy("m2", "b", CopyState.Loading, epoch: 1)]);
        table.SetCopies("m3", [Copy("m3", "b", CopyState.Loaded, epoch: 2)]);

        var bySilo = loads.BySilo();
        Assert.Equal(2, bySilo["a"]); // m1 (own placement and registry copy: one load) and m2
        Assert.False(bySilo.ContainsKey("b")); // a copy of a dead epoch, and a loaded copy, are not loads under way

        table.SetCopies("m2", [Copy("m2", "a", CopyState.Loaded)]);
        loads.End("a", "m1");
        Assert.Equal(1, loads.BySilo()["a"]); // m1 still loading per the registry

        table.SetCopies("m1", []);
        Assert.Empty(loads.BySilo());
    }
}
