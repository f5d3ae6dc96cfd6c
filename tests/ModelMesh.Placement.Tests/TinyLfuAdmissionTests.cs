using ModelMesh.Placement.Simulation;
using static ModelMesh.Placement.Tests.Silos;

namespace ModelMesh.Placement.Tests;

/// <summary>TinyLFU admission in <see cref="CachePolicy"/> and its simulators: which copies a newcomer may displace.</summary>
public sealed class TinyLfuAdmissionTests
{
    private static readonly DateTimeOffset Now = T0.AddHours(1);

    private static readonly CachePolicy TinyLfu = new(new CacheOptions { ChurnGuard = TimeSpan.Zero, Admission = AdmissionPolicy.TinyLfu });

    private static readonly CachePolicy Lru = new(new CacheOptions { ChurnGuard = TimeSpan.Zero, Admission = AdmissionPolicy.Lru });

    private static CacheEntry Idle(string id, double minutesAgo, int frequency, bool spare = false) =>
        new(id, 100, Now.AddMinutes(-minutesAgo), InFlight: 0, IsSpare: spare, IsLoading: false, frequency);

    [Fact]
    public void Plan_HotLeastRecentlyUsed_KeptAndAColderCopyEvicted()
    {
        var entries = new[] { Idle("hot-old", 30, frequency: 9), Idle("cold", 20, frequency: 1), Idle("recent", 1, frequency: 1) };

        Assert.Equal(["cold"], TinyLfu.PlanReservation(300, 300, 100, entries, Now, candidateFrequency: 1).Victims);
        Assert.Equal(["hot-old"], Lru.PlanReservation(300, 300, 100, entries, Now, candidateFrequency: 1).Victims);
    }

    [Fact]
    public void Plan_NewcomerHotterThanTheLeastRecentlyUsed_EvictsItAsLru()
    {
        var entries = new[] { Idle("old", 30, frequency: 3), Idle("recent", 1, frequency: 1) };

        Assert.Equal(["old"], TinyLfu.PlanReservation(200, 200, 100, entries, Now, candidateFrequency: 4).Victims);
    }

    [Fact]
    public void Plan_OnlyHotterCopies_TheRequestIsStillServed_ColdestFirst()
    {
        var entries = new[] { Idle("hottest", 30, frequency: 9), Idle("warm", 1, frequency: 3), Idle("hot", 20, frequency: 5) };

        var plan = TinyLfu.PlanReservation(300, 300, 200, entries, Now, candidateFrequency: 1);

        Assert.True(plan.Admitted);
        Assert.Equal(["warm", "hot"], plan.Victims);
    }

    [Fact]
    public void Plan_SpareCopies_StillFirst()
    {
        var entries = new[] { Idle("cold", 30, frequency: 0), Idle("spare", 1, frequency: 9, spare: true) };

        Assert.Equal(["spare"], TinyLfu.PlanReservation(200, 200, 100, entries, Now, candidateFrequency: 1).Victims);
    }

    [Fact]
    public void Plan_NoFrequencies_SameAsLru()
    {
        var random = new Random(7);
        for (var round = 0; round < 200; round++)
        {
            var entries = Enumerable.Range(0, 12)
                .Select(i => new CacheEntry($"m{i}", random.Next(1, 300), Now.AddSeconds(-random.Next(0, 600)), 0, random.Next(0, 4) == 0, false))
                .ToList();
            var used = entries.Sum(e => e.SizeBytes);
            var request = random.Next(1, 600);

            Assert.Equal(Lru.PlanReservation(used, used, request, entries, Now), TinyLfu.PlanReservation(used, used, request, entries, Now), PlanComparer.Instance);
        }
    }

    [Fact]
    public void Simulators_ScanAfterAHotPair_TinyLfuKeepsThePair()
    {
        // Capacity 3: A and B are asked for three times each, then three one-off models pass. LRU loses A and B to the scan
        // (4 hits). TinyLFU, served: X1 takes the free slot, X2 and X3 each displace the previous one-off, A and B hit (6).
        // TinyLFU with bypass (cachesim.py): X2 and X3 are not cached at all; the same 6 hits.
        var trace = "A B A B A B X1 X2 X3 A B".Split(' ').Select(id => new TraceRequest(id, 1)).ToArray();

        Assert.Equal(4, new LruCacheSimulator().Run(trace, 3).Hits);
        Assert.Equal(4, new PolicyCacheSimulator(new CacheOptions { Admission = AdmissionPolicy.Lru }).Run(trace, 3).Hits);
        var served = new PolicyCacheSimulator(new CacheOptions { Admission = AdmissionPolicy.TinyLfu }).Run(trace, 3);
        Assert.Equal(6, served.Hits);
        Assert.Equal(5, served.BytesLoaded);
        var bypass = new TinyLfuBypassSimulator().Run(trace, 3);
        Assert.Equal(6, bypass.Hits);
        Assert.Equal(3, bypass.BytesLoaded);
        Assert.Equal(6, new BeladyCacheSimulator().Run(trace, 3).Hits);
    }

    [Fact]
    public void PolicySimulator_Lru_MatchesTheLruSimulatorOnUnitSizes()
    {
        var trace = new ZipfTraceGenerator(seed: 3, models: 200, s: 1.0, minSizeBytes: 1, maxSizeBytes: 1).Generate(20_000);

        Assert.Equal(
            new LruCacheSimulator().Run(trace, 40).Hits,
            new PolicyCacheSimulator(new CacheOptions { Admission = AdmissionPolicy.Lru }).Run(trace, 40).Hits);
    }

    [Fact]
    public void PolicySimulator_ZipfTrace_TinyLfuBetweenLruAndBelady()
    {
        var trace = new ZipfTraceGenerator(seed: 42, models: 300, s: 1.0, minSizeBytes: 1, maxSizeBytes: 1).Generate(30_000);

        var lru = new LruCacheSimulator().Run(trace, 60).HitRatio;
        var tinyLfu = new PolicyCacheSimulator(new CacheOptions()).Run(trace, 60).HitRatio;
        var belady = new BeladyCacheSimulator().Run(trace, 60).HitRatio;

        Assert.True(lru < tinyLfu && tinyLfu < belady, $"LRU {lru:F3}, TinyLFU {tinyLfu:F3}, Belady {belady:F3}");
    }

    [Fact]
    public void Options_InvalidAdmissionOrWindow_Named()
    {
        var admission = Assert.Throws<InvalidOperationException>(() => new CacheOptions { Admission = (AdmissionPolicy)7 }.Validate());
        Assert.Contains("Admission", admission.Message, StringComparison.Ordinal);
        var window = Assert.Throws<InvalidOperationException>(() => new CacheOptions { FrequencyWindow = 0 }.Validate());
        Assert.Contains("FrequencyWindow", window.Message, StringComparison.Ordinal);
        Assert.Equal(AdmissionPolicy.TinyLfu, new CacheOptions().Admission);
    }

    private sealed class PlanComparer : IEqualityComparer<EvictionPlan>
    {
        public static readonly PlanComparer Instance = new();

        public bool Equals(EvictionPlan? x, EvictionPlan? y) =>
            x is not null && y is not null && x.Admitted == y.Admitted && x.Victims.SequenceEqual(y.Victims) && x.RefusalReason == y.RefusalReason;

        public int GetHashCode(EvictionPlan obj) => obj.Admitted.GetHashCode();
    }
}
