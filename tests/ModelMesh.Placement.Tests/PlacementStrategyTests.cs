using ModelMesh.Registry;
using static ModelMesh.Placement.Tests.Silos;

namespace ModelMesh.Placement.Tests;

public sealed class PlacementStrategyTests
{
    private readonly PlacementStrategy _strategy = new(new PlacementOptions());

    [Fact]
    public void Place_SeveralFit_BestFitFirst()
    {
        var silos = new[] { Cpu("roomy", 1000, 100), Cpu("tight", 1000, 650), Cpu("middle", 1000, 400) };

        var decision = _strategy.Place(Request(300), silos);

        Assert.Equal(["tight", "middle", "roomy"], Ids(decision));
        Assert.All(decision.Candidates, c => Assert.False(c.RequiresEviction));
        Assert.Null(decision.FailureReason);
    }

    [Fact]
    public void Place_ExactFit_IsTightest()
    {
        var decision = _strategy.Place(Request(300), [Cpu("a", 1000, 600), Cpu("exact", 1000, 700)]);

        Assert.Equal("exact", decision.Candidates[0].SiloId);
    }

    [Fact]
    public void Place_SameFit_FewerInFlightThenFewerLoaded()
    {
        var busy = Cpu("busy", 1000, 500) with { InFlight = 5, LoadedCount = 1 };
        var full = Cpu("full", 1000, 500) with { InFlight = 1, LoadedCount = 9 };
        var calm = Cpu("calm", 1000, 500) with { InFlight = 1, LoadedCount = 2 };

        var decision = _strategy.Place(Request(100), [busy, full, calm]);

        Assert.Equal(["calm", "full", "busy"], Ids(decision));
    }

    [Fact]
    public void Place_SiloWithSeveralDevices_ChoosesTightestDevice()
    {
        var silo = Silo("s", new DeviceCapacity("gpu:0", 1000, 0), new DeviceCapacity("gpu:1", 1000, 600), new DeviceCapacity("cpu", 1000, 900));

        var decision = _strategy.Place(Request(300, "gpu"), [silo]);

        var candidate = Assert.Single(decision.Candidates);
        Assert.Equal("gpu:1", candidate.Device);
    }

    [Fact]
    public void Place_GpuModel_OnlyGpuDevices()
    {
        var cpuOnly = Cpu("cpu-only", 10_000, 0);
        var gpu = Silo("gpu", new DeviceCapacity("cpu", 10_000, 0), new DeviceCapacity("gpu:0", 2000, 1500));

        var decision = _strategy.Place(Request(400, "gpu"), [cpuOnly, gpu]);

        var candidate = Assert.Single(decision.Candidates);
        Assert.Equal(("gpu", "gpu:0"), (candidate.SiloId, candidate.Device));
    }

    [Fact]
    public void Place_CpuModel_NeverOnGpuDevice()
    {
        var gpu = Silo("gpu", new DeviceCapacity("cpu", 1000, 950), new DeviceCapacity("gpu:0", 2000, 0));

        var decision = _strategy.Place(Request(400), [gpu]);

        Assert.Empty(decision.Candidates);
        Assert.False(decision.ModelTooLarge);
    }

    [Fact]
    public void Place_NoDeviceOfClass_Unavailable()
    {
        var decision = _strategy.Place(Request(10, "gpu"), [Cpu("a", 1000, 0)]);

        Assert.Empty(decision.Candidates);
        Assert.False(decision.ModelTooLarge);
        Assert.Contains("gpu", decision.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Place_RequiredLabels_OnlyMatchingSilos()
    {
        var east = Cpu("east", 1000, 0) with { Labels = new Dictionary<string, string> { ["zone"] = "east", ["tier"] = "gold" } };
        var west = Cpu("west", 1000, 900) with { Labels = new Dictionary<string, string> { ["zone"] = "west", ["tier"] = "gold" } };
        var bare = Cpu("bare", 1000, 900);
        var labels = new Dictionary<string, string> { ["zone"] = "east", ["tier"] = "gold" };

        var decision = _strategy.Place(Request(50, labels: labels), [west, bare, east]);

        Assert.Equal(["east"], Ids(decision));
    }

    [Fact]
    public void Place_NoSiloWithLabels_UnavailableNamingLabels()
    {
        var labels = new Dictionary<string, string> { ["zone"] = "mars" };

        var decision = _strategy.Place(Request(50, labels: labels), [Cpu("a", 1000, 0)]);

        Assert.Empty(decision.Candidates);
        Assert.False(decision.ModelTooLarge);
        Assert.Contains("labels", decision.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Place_DrainingAndExcluded_Dropped()
    {
        var draining = Cpu("draining", 1000, 600) with { State = SiloState.Draining };
        var excluded = Cpu("excluded", 1000, 650);
        var ok = Cpu("ok", 1000, 0);

        var decision = _strategy.Place(Request(300, excluded: "excluded"), [draining, excluded, ok]);

        Assert.Equal(["ok"], Ids(decision));
    }

    [Fact]
    public void Place_ExcludedAsHashSet_Dropped()
    {
        var request = Request(10) with { ExcludedSiloIds = new HashSet<string> { "a" } };

        var decision = _strategy.Place(request, [Cpu("a", 1000, 0), Cpu("b", 1000, 0)]);

        Assert.Equal(["b"], Ids(decision));
    }

    [Fact]
    public void Place_AllDrainingOrExcluded_UnavailableNotTooLarge()
    {
        var draining = Cpu("draining", 1000, 0) with { State = SiloState.Draining };

        var decision = _strategy.Place(Request(300, excluded: "excluded"), [draining, Cpu("excluded", 1000, 0)]);

        Assert.Empty(decision.Candidates);
        Assert.False(decision.ModelTooLarge);
        Assert.Contains("draining", decision.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Place_FitsOnlyAfterEviction_OldestLruFirst()
    {
        var recent = Cpu("recent", 1000, 900, evictable: 500) with { OldestLruAt = T0.AddMinutes(10) };
        var oldest = Cpu("oldest", 1000, 900, evictable: 500) with { OldestLruAt = T0 };
        var middle = Cpu("middle", 1000, 900, evictable: 500) with { OldestLruAt = T0.AddMinutes(5) };

        var decision = _strategy.Place(Request(300), [recent, oldest, middle]);

        Assert.Equal(["oldest", "middle", "recent"], Ids(decision));
        Assert.All(decision.Candidates, c => Assert.True(c.RequiresEviction));
    }

    [Fact]
    public void Place_FitsNowAndAfterEviction_FitsNowFirst()
    {
        var evict = Cpu("evict", 1000, 900, evictable: 900) with { OldestLruAt = T0 };
        var fits = Cpu("fits", 1000, 0);

        var decision = _strategy.Place(Request(300), [evict, fits]);

        Assert.Equal(["fits", "evict"], Ids(decision));
        Assert.False(decision.Candidates[0].RequiresEviction);
        Assert.True(decision.Candidates[1].RequiresEviction);
    }

    [Fact]
    public void Place_NotEnoughEvictable_SiloNotACandidate()
    {
        var guarded = Cpu("guarded", 1000, 900, evictable: 100) with { OldestLruAt = T0 };

        var decision = _strategy.Place(Request(300), [guarded]);

        Assert.Empty(decision.Candidates);
        Assert.False(decision.ModelTooLarge);
        Assert.Contains("200 bytes", decision.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Place_EvictableOverstated_ClampedToCapacity()
    {
        var bogus = Cpu("bogus", 1000, 900, evictable: 5000) with { OldestLruAt = T0 };

        var decision = _strategy.Place(Request(1000), [bogus]);

        Assert.Equal(["bogus"], Ids(decision));
        Assert.Empty(_strategy.Place(Request(1001), [bogus]).Candidates);
    }

    [Fact]
    public void Place_LargerThanEveryDevice_ModelTooLargeWithNumbers()
    {
        var silos = new[] { Cpu("a", 1000, 0), Cpu("b", 4000, 3000), Silo("g", new DeviceCapacity("gpu:0", 9000, 0)) };

        var decision = _strategy.Place(new PlacementRequest("big", 5000, "cpu", new Dictionary<string, string>(), []), silos);

        Assert.Empty(decision.Candidates);
        Assert.True(decision.ModelTooLarge);
        Assert.Equal("model big needs 5000 bytes; the largest cpu device holds 4000 bytes", decision.FailureReason);
    }

    [Fact]
    public void Place_LargerThanAllButAnExcludedSilo_NotTooLarge()
    {
        var decision = _strategy.Place(Request(3000, excluded: "big"), [Cpu("small", 1000, 0), Cpu("big", 4000, 0)]);

        Assert.Empty(decision.Candidates);
        Assert.False(decision.ModelTooLarge);
    }

    [Fact]
    public void Place_NoSilos_Unavailable()
    {
        var decision = _strategy.Place(Request(1), []);

        Assert.Empty(decision.Candidates);
        Assert.False(decision.ModelTooLarge);
        Assert.NotNull(decision.FailureReason);
    }

    [Fact]
    public void Place_EqualRecords_DeterministicBySiloId()
    {
        var decision = _strategy.Place(Request(10), [Cpu("c", 1000, 0), Cpu("a", 1000, 0), Cpu("b", 1000, 0)]);

        Assert.Equal(["a", "b", "c"], Ids(decision));
    }

    [Fact]
    public void Place_ManySilos_ReturnsEveryViableCandidateRanked()
    {
        var random = new Random(7);
        var silos = new SiloRecord[200];
        for (var i = 0; i < silos.Length; i++)
        {
            var used = random.Next(0, 1000);
            silos[i] = Cpu($"s{i:000}", 1000, used, evictable: random.Next(0, used + 1)) with { OldestLruAt = T0.AddSeconds(random.Next(0, 1000)) };
        }

        var decision = _strategy.Place(Request(400), silos);

        var viable = silos.Count(s => s.Devices[0].FreeBytes + s.Devices[0].EvictableBytes >= 400);
        Assert.Equal(viable, decision.Candidates.Count);
        var firstEvicting = decision.Candidates.ToList().FindIndex(c => c.RequiresEviction);
        Assert.True(firstEvicting < 0 || decision.Candidates.Skip(firstEvicting).All(c => c.RequiresEviction));
    }
}
