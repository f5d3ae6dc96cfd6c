using static ModelMesh.Placement.Tests.Silos;

namespace ModelMesh.Placement.Tests;

public sealed class CachePolicyTests
{
    private static readonly DateTimeOffset Now = T0.AddHours(1);

    private readonly CachePolicy _policy = new(new CacheOptions { ChurnGuard = TimeSpan.FromSeconds(30) });

    private static CacheEntry Idle(string id, long size, double minutesAgo, bool spare = false) =>
        new(id, size, Now.AddMinutes(-minutesAgo), InFlight: 0, IsSpare: spare, IsLoading: false);

    [Fact]
    public void PlanReservation_Fits_AdmittedWithoutVictims()
    {
        var plan = _policy.PlanReservation(1000, 600, 400, [Idle("a", 600, 10)], Now);

        Assert.True(plan.Admitted);
        Assert.Empty(plan.Victims);
        Assert.Same(EvictionPlan.AdmitNow, plan);
    }

    [Fact]
    public void PlanReservation_NeedsRoom_EvictsLeastRecentlyUsedFirst()
    {
        var entries = new[] { Idle("new", 300, 1), Idle("old", 300, 30), Idle("mid", 300, 10) };

        var plan = _policy.PlanReservation(1000, 900, 200, entries, Now);

        Assert.True(plan.Admitted);
        Assert.Equal(["old"], plan.Victims);
    }

    [Fact]
    public void PlanReservation_NeedsSeveral_OnlyAsManyAsNeeded()
    {
        var entries = new[] { Idle("a", 100, 5), Idle("b", 100, 4), Idle("c", 100, 3), Idle("d", 100, 2), Idle("e", 100, 1) };

        var plan = _policy.PlanReservation(500, 500, 250, entries, Now);

        Assert.Equal(["a", "b", "c"], plan.Victims);
    }

    [Fact]
    public void PlanReservation_BigModel_NoEvictionStorm()
    {
        var entries = new List<CacheEntry>();
        for (var i = 0; i < 50; i++)
        {
            entries.Add(Idle($"m{i:00}", 100, 100 - i));
        }

        var plan = _policy.PlanReservation(5000, 5000, 1000, entries, Now);

        Assert.Equal(10, plan.Victims.Count);
        Assert.Equal(entries.Take(10).Select(e => e.ModelId), plan.Victims);
    }

    [Fact]
    public void PlanReservation_SmallOldCopyNotNeeded_MinimalVictims()
    {
        var entries = new[] { Idle("small-old", 50, 20), Idle("big", 500, 10), Idle("young", 500, 1) };

        var plan = _policy.PlanReservation(1050, 1050, 450, entries, Now);

        Assert.Equal(["big"], plan.Victims);
    }

    [Fact]
    public void PlanReservation_SparesFirst_ThenLru()
    {
        var entries = new[] { Idle("oldest", 100, 60), Idle("spare-recent", 100, 2, spare: true), Idle("spare-old", 100, 5, spare: true) };

        var plan = _policy.PlanReservation(300, 300, 200, entries, Now);

        Assert.Equal(["spare-old", "spare-recent"], plan.Victims);
    }

    [Fact]
    public void PlanReservation_InFlight_NeverEvicted()
    {
        var busy = Idle("busy", 500, 60) with { InFlight = 1 };
        var plan = _policy.PlanReservation(1000, 1000, 400, [busy, Idle("idle", 500, 1)], Now);

        Assert.Equal(["idle"], plan.Victims);
        Assert.False(_policy.PlanReservation(1000, 1000, 600, [busy, Idle("idle", 500, 1)], Now).Admitted);
    }

    [Fact]
    public void PlanReservation_Loading_NeverEvicted()
    {
        var loading = Idle("loading", 500, 60) with { IsLoading = true };

        var plan = _policy.PlanReservation(500, 500, 100, [loading], Now);

        Assert.False(plan.Admitted);
        Assert.Empty(plan.Victims);
    }

    [Fact]
    public void PlanReservation_WithinChurnGuard_Protected()
    {
        var recent = new CacheEntry("recent", 500, Now.AddSeconds(-29), 0, IsSpare: true, IsLoading: false);

        var refused = _policy.PlanReservation(500, 500, 100, [recent], Now);
        var admitted = _policy.PlanReservation(500, 500, 100, [recent], Now.AddSeconds(1));

        Assert.False(refused.Admitted);
        Assert.Contains("churn guard", refused.RefusalReason, StringComparison.Ordinal);
        Assert.Equal(["recent"], admitted.Victims);
    }

    [Fact]
    public void PlanReservation_EvenEvictingAllIsNotEnough_RefusedAndNothingEvicted()
    {
        var entries = new[] { Idle("a", 200, 10), Idle("b", 200, 10), Idle("busy", 500, 10) with { InFlight = 3 } };

        var plan = _policy.PlanReservation(1000, 900, 600, entries, Now);

        Assert.False(plan.Admitted);
        Assert.Empty(plan.Victims);
        Assert.Contains("600 bytes", plan.RefusalReason, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanReservation_LargerThanCapacity_Refused()
    {
        var plan = _policy.PlanReservation(1000, 0, 1001, [], Now);

        Assert.False(plan.Admitted);
        Assert.Equal("needs 1001 bytes; the device holds 1000 bytes", plan.RefusalReason);
    }

    [Fact]
    public void PlanReservation_UsedOverCapacity_TreatedAsNoFreeSpace()
    {
        var plan = _policy.PlanReservation(1000, 1200, 100, [Idle("a", 1200, 10)], Now);

        Assert.Equal(["a"], plan.Victims);
    }

    [Fact]
    public void PlanReservation_RandomLedgers_VictimsFreeEnoughAndAreEvictable()
    {
        var random = new Random(11);
        for (var round = 0; round < 500; round++)
        {
            var entries = new List<CacheEntry>();
            long used = 0;
            for (var i = random.Next(0, 20); i > 0; i--)
            {
                var entry = new CacheEntry($"m{i}", random.Next(1, 300), Now.AddSeconds(-random.Next(0, 120)), random.Next(0, 4) == 0 ? 1 : 0, random.Next(0, 3) == 0, random.Next(0, 8) == 0);
                entries.Add(entry);
                used += entry.SizeBytes;
            }

            var capacity = used + random.Next(0, 200);
            var request = random.Next(1, 1000);
            var plan = _policy.PlanReservation(capacity, used, request, entries, Now);

            var evictable = entries.Where(e => _policy.IsEvictable(e, Now)).ToList();
            var freed = evictable.Where(e => plan.Victims.Contains(e.ModelId)).Sum(e => e.SizeBytes);
            Assert.Equal(request <= capacity && capacity - used + evictable.Sum(e => e.SizeBytes) >= request, plan.Admitted);
            Assert.Equal(plan.Victims.Count, plan.Victims.Distinct().Count());
            Assert.All(plan.Victims, v => Assert.Contains(evictable, e => e.ModelId == v));
            if (plan.Admitted)
            {
                Assert.True(capacity - used + freed >= request);
                foreach (var victim in plan.Victims)
                {
                    var size = entries.First(e => e.ModelId == victim).SizeBytes;
                    Assert.True(capacity - used + freed - size < request, $"victim {victim} was not needed");
                }
            }
        }
    }

    [Fact]
    public void EvictableBytes_CountsOnlyIdleLoadedOldCopies()
    {
        var entries = new[]
        {
            Idle("old", 100, 10),
            Idle("busy", 200, 10) with { InFlight = 2 },
            Idle("loading", 400, 10) with { IsLoading = true },
            new CacheEntry("recent", 800, Now.AddSeconds(-5), 0, false, false),
        };

        Assert.Equal(100, _policy.EvictableBytes(entries, Now));
    }

    [Fact]
    public void OldestEvictable_SkipsProtected_MaxValueWhenNone()
    {
        var entries = new[] { Idle("busy", 1, 60) with { InFlight = 1 }, Idle("old", 1, 30), Idle("older", 1, 40) };

        Assert.Equal(Now.AddMinutes(-40), _policy.OldestEvictable(entries, Now));
        Assert.Equal(DateTimeOffset.MaxValue, _policy.OldestEvictable([entries[0]], Now));
    }

    [Fact]
    public void CacheOptions_Defaults_AreDocumentedValues()
    {
        var options = new CacheOptions();

        Assert.Equal(TimeSpan.FromSeconds(30), options.ChurnGuard);
        Assert.Equal(TimeSpan.FromSeconds(90), options.LoadTimeout);
        Assert.Equal(TimeSpan.FromMinutes(15), options.FailureExpiry);
        Assert.Equal(TimeSpan.FromMinutes(5), CacheOptions.ModelMeshChurnGuard(options.LoadTimeout));
        Assert.Equal(TimeSpan.FromSeconds(30), CacheOptions.ModelMeshChurnGuard(TimeSpan.FromSeconds(1)));
        options.Validate();
        Assert.Throws<InvalidOperationException>(() => new CacheOptions { LoadTimeout = TimeSpan.Zero }.Validate());
    }
}
