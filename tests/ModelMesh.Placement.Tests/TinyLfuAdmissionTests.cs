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

    private static CacheEntry Sized(string id, double minutesAgo, int frequency, long bytes) =>
        new(id, bytes, Now.AddMinutes(-minutesAgo), InFlight: 0, IsSpare: false, IsLoading: false, frequency);

    [Fact]
    public void Plan_HotLeastRecentlyUsed_KeptAndAColderCopyEvicted()
    {
        var entries = new[] { Idle("hot-old", 30, frequency: 9), Idle("cold", 20, frequency: 1), Idle("recent", 1, frequency: 1) };

        Assert.Equal(["cold"], TinyLfu.PlanReservation(300, 300, 100, entries, Now, candidateFrequency: 1).Victims);
        Assert.Equal(["hot-old"], Lru.PlanReservation(300, 300, 100, entries, Now, candidateFrequency: 1).Victims);
    }

    [Fact]
    public void Plan_ColdestFirst_WhateverTheNewcomersFrequency()
    {
        // The newcomer is loaded in any case, so only the held copies are ranked: the least recently used copy is kept
        // because it is asked for more often, for a hot newcomer as for a cold one.
        var entries = new[] { Idle("old", 30, frequency: 3), Idle("recent", 1, frequency: 1) };

        Assert.Equal(["recent"], TinyLfu.PlanReservation(200, 200, 100, entries, Now, candidateFrequency: 4).Victims);
        Assert.Equal(["recent"], TinyLfu.PlanReservation(200, 200, 100, entries, Now, candidateFrequency: 0).Victims);
        Assert.Equal(["old"], Lru.PlanReservation(200, 200, 100, entries, Now, candidateFrequency: 4).Victims);
    }

    [Fact]
    public void Plan_VariableSizes_LowestFrequencyPerByteFirst()
    {
        // big: 4 requests for 400 bytes (0.01 per byte); small: 2 for 100 (0.02); tiny: 1 for 20 (0.05). The big copy goes
        // first though it is asked for most: one request hit per 100 bytes is the least the room buys.
        var entries = new[]
        {
            Sized("small", 30, frequency: 2, bytes: 100), Sized("big", 1, frequency: 4, bytes: 400), Sized("tiny", 20, frequency: 1, bytes: 20),
        };

        Assert.Equal(["big"], TinyLfu.PlanReservation(520, 520, 100, entries, Now, candidateFrequency: 1).Victims);
        Assert.Equal(["big", "small"], TinyLfu.PlanReservation(520, 520, 480, entries, Now, candidateFrequency: 1).Victims);
    }

    [Fact]
    public void Plan_RankBytes_OrderByTheStableEstimateNotTheNoisyMeasurement()
    {
        // Same file size (rank 100 each), measured 100 and 240 bytes (RSS noise). By measurement the hot copy (15 per 240)
        // would go before the lukewarm one (7 per 100); by the stable estimate the lukewarm one goes, as it should.
        var entries = new[]
        {
            Sized("hot", 1, frequency: 15, bytes: 240) with { RankBytes = 100 },
            Sized("lukewarm", 30, frequency: 7, bytes: 100) with { RankBytes = 100 },
        };

        Assert.Equal(["lukewarm"], TinyLfu.PlanReservation(340, 340, 100, entries, Now, candidateFrequency: 1).Victims);
        Assert.Equal(["hot"], TinyLfu.PlanReservation(340, 340, 100, [.. entries.Select(e => e with { RankBytes = 0 })], Now, candidateFrequency: 1).Victims);
    }

    [Fact]
    public void Plan_EqualFrequencyPerByte_LeastRecentlyUsedFirst()
    {
        // 2 per 200 bytes and 1 per 100 bytes: equal, so recency decides; a copy never counted (0) goes before both. The
        // reservation needs every byte, so the plan lists the whole order.
        var entries = new[]
        {
            Sized("half-recent", 1, frequency: 1, bytes: 100), Sized("double-old", 30, frequency: 2, bytes: 200), Sized("uncounted", 0, frequency: 0, bytes: 50),
        };

        var plan = TinyLfu.PlanReservation(350, 350, 350, entries, Now, candidateFrequency: 1);

        Assert.Equal(["uncounted", "double-old", "half-recent"], plan.Victims);
    }

    [Fact]
    public void Plan_YesterdaysHotModel_BecomesEvictableOnceTheSketchAges()
    {
        // Default window (20 per held copy, at least 64 copies): a halving every 1,280 requests. "yesterday" saturates its
        // counter; then traffic moves to "today-a" and "today-b". Before the sketch ages, yesterday's copy is kept even
        // though it is the more recently used; after three halvings it is the victim.
        var sketch = new FrequencySketch();
        sketch.EnsureCapacity(2);
        for (var i = 0; i < 200; i++)
        {
            sketch.Increment("yesterday");
        }

        sketch.Increment("today-a");
        sketch.Increment("today-a");
        Assert.Equal(["today-a"], TinyLfu.PlanReservation(200, 200, 100, Held(sketch), Now, sketch.Estimate("today-b")).Victims);

        for (var i = 0; i < 4_000; i++)
        {
            sketch.Increment(i % 2 == 0 ? "today-a" : "today-b");
        }

        Assert.True(sketch.Resets >= 3, $"{sketch.Resets} halvings");
        Assert.True(sketch.Estimate("yesterday") < sketch.Estimate("today-a"), $"yesterday {sketch.Estimate("yesterday")}, today {sketch.Estimate("today-a")}");
        Assert.Equal(["yesterday"], TinyLfu.PlanReservation(200, 200, 100, Held(sketch), Now, sketch.Estimate("today-b")).Victims);

        static CacheEntry[] Held(FrequencySketch sketch) =>
            [Idle("today-a", 30, sketch.Estimate("today-a")), Idle("yesterday", 1, sketch.Estimate("yesterday"))];
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
    public void PolicySimulator_ZipfVariableSizes_TinyLfuBeatsLruAndBypass()
    {
        // Sizes 1-100 log-uniform: frequency per byte keeps the many small popular models, which LRU and bypass (frequency
        // only) do not prefer.
        var trace = new ZipfTraceGenerator(seed: 42, models: 300, s: 1.0, minSizeBytes: 1, maxSizeBytes: 100).Generate(30_000);
        var capacity = new ZipfTraceGenerator(seed: 42, models: 300, s: 1.0, minSizeBytes: 1, maxSizeBytes: 100).Models.Sum(m => m.SizeBytes) / 5;

        var lru = new LruCacheSimulator().Run(trace, capacity).HitRatio;
        var bypass = new TinyLfuBypassSimulator().Run(trace, capacity).HitRatio;
        var tinyLfu = new PolicyCacheSimulator(new CacheOptions()).Run(trace, capacity).HitRatio;

        Assert.True(tinyLfu > lru && tinyLfu > bypass, $"LRU {lru:F3}, bypass {bypass:F3}, TinyLFU {tinyLfu:F3}");
    }

    [Fact]
    public void Options_InvalidAdmissionOrWindow_Named()
    {
        var admission = Assert.Throws<InvalidOperationException>(() => new CacheOptions { Admission = (AdmissionPolicy)7 }.Validate());
        Assert.Contains("Admission", admission.Message, StringComparison.Ordinal);
        var window = Assert.Throws<InvalidOperationException>(() => new CacheOptions { FrequencyWindow = 0 }.Validate());
        Assert.Contains("FrequencyWindow", window.Message, StringComparison.Ordinal);
        Assert.Equal(AdmissionPolicy.TinyLfu, new CacheOptions().Admission);
        Assert.Equal(CacheOptions.DefaultFrequencyWindow, new CacheOptions().FrequencyWindow);
        new CacheOptions().Validate();
    }

    private sealed class PlanComparer : IEqualityComparer<EvictionPlan>
    {
        public static readonly PlanComparer Instance = new();

        public bool Equals(EvictionPlan? x, EvictionPlan? y) =>
            x is not null && y is not null && x.Admitted == y.Admitted && x.Victims.SequenceEqual(y.Victims) && x.RefusalReason == y.RefusalReason;

        public int GetHashCode(EvictionPlan obj) => obj.Admitted.GetHashCode();
    }
}
