using ModelMesh.FrontDoor.Routing;
using ModelMesh.Registry;

namespace ModelMesh.FrontDoor.Tests;

public sealed class RoutingTableFullTests
{
    private static SiloRecord Silo(string id, long used, long epoch = 1) => new()
    {
        SiloId = id,
        Epoch = epoch,
        Address = id + ":1",
        Devices = [new DeviceCapacity("cpu", 1000, used)],
    };

    [Fact]
    public void IsFull_MarkedThenRelistedWithTheSameNumbers_StaysFull()
    {
        var table = new RoutingTable();
        var refused = Silo("a", 600);
        table.SetSilos([refused, Silo("b", 0)]);

        table.MarkFull(refused);
        table.SetSilos([Silo("a", 600), Silo("b", 0)]); // the periodic re-list: new instances, same numbers

        Assert.True(table.IsFull("a"));
        Assert.False(table.IsFull("b"));
    }

    [Fact]
    public void IsFull_SiloPublishesNewNumbersOrRestarts_MarkLapses()
    {
        var table = new RoutingTable();
        var refused = Silo("a", 600);
        table.SetSilos([refused]);
        table.MarkFull(refused);

        table.SetSilos([Silo("a", 400)]);
        Assert.False(table.IsFull("a"));

        table.SetSilos([Silo("a", 600, epoch: 2)]);
        Assert.False(table.IsFull("a"));

        table.SetSilos([]);
        Assert.False(table.IsFull("a"));
    }
}
