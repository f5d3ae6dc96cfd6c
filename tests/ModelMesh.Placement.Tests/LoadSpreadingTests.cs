using static ModelMesh.Placement.Tests.Silos;

namespace ModelMesh.Placement.Tests;

/// <summary>Placement spreads loads under way over the silos' loading slots (the "loads pile onto one pod" weakness).</summary>
public sealed class LoadSpreadingTests
{
    private readonly PlacementStrategy _strategy = new(new PlacementOptions());

    [Fact]
    public void Place_BestFitSiloHasEveryLoadingSlotTaken_NextFitWithAFreeSlotFirst()
    {
        var silos = new[] { Cpu("tight", 1000, 650) with { LoadSlots = 2 }, Cpu("middle", 1000, 400) with { LoadSlots = 2 }, Cpu("roomy", 1000, 100) with { LoadSlots = 2 } };

        var decision = _strategy.Place(Request(100) with { LoadsInProgress = Loads(("tight", 2)) }, silos);

        Assert.Equal(["middle", "roomy", "tight"], Ids(decision));
    }

    [Fact]
    public void Place_BestFitSiloHasAFreeLoadingSlot_BestFitStillFirst()
    {
        var silos = new[] { Cpu("tight", 1000, 650) with { LoadSlots = 2 }, Cpu("roomy", 1000, 100) with { LoadSlots = 2 } };

        var decision = _strategy.Place(Request(100) with { LoadsInProgress = Loads(("tight", 1)) }, silos);

        Assert.Equal(["tight", "roomy"], Ids(decision));
    }

    [Fact]
    public void Place_EverySiloSaturated_FewestLoadsUnderWayFirstThenBestFit()
    {
        var silos = new[] { Cpu("tight", 1000, 650) with { LoadSlots = 1 }, Cpu("middle", 1000, 400) with { LoadSlots = 1 }, Cpu("roomy", 1000, 100) with { LoadSlots = 1 } };

        var decision = _strategy.Place(Request(100) with { LoadsInProgress = Loads(("tight", 3), ("middle", 2), ("roomy", 2)) }, silos);

        Assert.Equal(["middle", "roomy", "tight"], Ids(decision));
    }

    [Fact]
    public void Place_SiloDoesNotPublishItsSlots_DefaultSlotsApply()
    {
        var strategy = new PlacementStrategy(new PlacementOptions { DefaultLoadSlots = 3 });
        var silos = new[] { Cpu("tight", 1000, 650), Cpu("roomy", 1000, 100) };

        Assert.Equal(["tight", "roomy"], Ids(strategy.Place(Request(100) with { LoadsInProgress = Loads(("tight", 2)) }, silos)));
        Assert.Equal(["roomy", "tight"], Ids(strategy.Place(Request(100) with { LoadsInProgress = Loads(("tight", 3)) }, silos)));
    }

    [Fact]
    public void Place_SpreadingOff_PureBestFit()
    {
        var strategy = new PlacementStrategy(new PlacementOptions { SpreadConcurrentLoads = false });
        var silos = new[] { Cpu("tight", 1000, 650) with { LoadSlots = 1 }, Cpu("roomy", 1000, 100) with { LoadSlots = 1 } };

        var decision = strategy.Place(Request(100) with { LoadsInProgress = Loads(("tight", 5)) }, silos);

        Assert.Equal(["tight", "roomy"], Ids(decision));
    }

    [Fact]
    public void Place_SaturatedSiloFitsNowOtherNeedsEviction_FitsNowStillFirst()
    {
        // Spreading never trades an eviction for a shorter loading queue.
        var full = Cpu("full", 1000, 1000, evictable: 500) with { LoadSlots = 1 };
        var busy = Cpu("busy", 1000, 200) with { LoadSlots = 1 };

        var decision = _strategy.Place(Request(300) with { LoadsInProgress = Loads(("busy", 4)) }, [full, busy]);

        Assert.Equal(["busy", "full"], Ids(decision));
        Assert.True(decision.Candidates[1].RequiresEviction);
    }

    [Fact]
    public void Place_BurstOfModels_EachPlacementCountedSpreadsOverAllSilos()
    {
        // What the front door does in a cold-start storm: every placement adds one load under way to its silo.
        var silos = new[] { Cpu("a", 10_000, 0) with { LoadSlots = 2 }, Cpu("b", 10_000, 0) with { LoadSlots = 2 }, Cpu("c", 10_000, 0) with { LoadSlots = 2 } };
        var loads = new Dictionary<string, int>(StringComparer.Ordinal);

        for (var i = 0; i < 12; i++)
        {
            var chosen = _strategy.Place(Request(10) with { LoadsInProgress = loads }, silos).Candidates[0].SiloId;
            loads[chosen] = loads.GetValueOrDefault(chosen) + 1;
        }

        Assert.Equal(4, loads["a"]);
        Assert.Equal(4, loads["b"]);
        Assert.Equal(4, loads["c"]);
    }

    private static Dictionary<string, int> Loads(params (string Silo, int Loads)[] loads) =>
        loads.ToDictionary(l => l.Silo, l => l.Loads, StringComparer.Ordinal);
}
