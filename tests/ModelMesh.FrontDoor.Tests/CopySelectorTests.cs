using ModelMesh.FrontDoor.Routing;
using ModelMesh.Registry;

namespace ModelMesh.FrontDoor.Tests;

public sealed class CopySelectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static RoutingTable Table(params SiloRecord[] silos)
    {
        var table = new RoutingTable();
        table.SetSilos(silos);
        return table;
    }

    private static SiloRecord Silo(string id, long epoch = 1, SiloState state = SiloState.Active) =>
        new() { SiloId = id, Epoch = epoch, Address = id + ":1", State = state };

    private static CopyRecord Copy(string silo, long epoch = 1, CopyState state = CopyState.Loaded) =>
        new() { ModelId = "m", SiloId = silo, Epoch = epoch, State = state };

    [Fact]
    public void PickLoaded_FewestInFlightWins_ThenMostRecentlyUsed()
    {
        var table = Table(Silo("a"), Silo("b"), Silo("c"));
        var route = table.Route("m");
        route.Copies = [Copy("a"), Copy("b"), Copy("c")];
        route.StatsFor("a").Enter(100);
        route.StatsFor("b").Enter(50);
        route.StatsFor("b").Exit();
        route.StatsFor("c").Enter(10);
        route.StatsFor("c").Exit();

        var picked = CopySelector.PickLoaded(table, route, new HashSet<string>(), Now);

        Assert.Equal("b", picked!.SiloId); // a is busy; b and c idle, b used more recently
    }

    [Fact]
    public void PickLoaded_StaleEpochDrainingExcludedAndSuspect_AreAvoided()
    {
        var table = Table(Silo("old", epoch: 2), Silo("drain", state: SiloState.Draining), Silo("x"), Silo("sus"), Silo("ok"));
        var route = table.Route("m");
        route.Copies = [Copy("old", epoch: 1), Copy("drain"), Copy("x"), Copy("sus"), Copy("ok"), Copy("gone")];
        table.MarkSuspect("sus", Now.AddSeconds(5));
        route.StatsFor("ok").Enter(1);

        Assert.Equal("ok", CopySelector.PickLoaded(table, route, new HashSet<string> { "x" }, Now)!.SiloId);
        Assert.Equal("drain", CopySelector.PickLoaded(table, route, new HashSet<string> { "x", "ok" }, Now)!.SiloId);
        Assert.Null(CopySelector.PickLoaded(table, route, new HashSet<string> { "x", "ok", "drain" }, Now));
    }

    [Fact]
    public void PickLoading_OnlyConsidersLoadingCopies()
    {
        var table = Table(Silo("a"), Silo("b"));
        var route = table.Route("m");
        route.Copies = [Copy("a", state: CopyState.Failed), Copy("b", state: CopyState.Loading)];
        Assert.Null(CopySelector.PickLoaded(table, route, new HashSet<string>(), Now));
        Assert.Equal("b", CopySelector.PickLoading(table, route, new HashSet<string>(), Now)!.SiloId);
    }
}
