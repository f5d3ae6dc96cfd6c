using ModelMesh.Placement.Simulation;

namespace ModelMesh.Placement.Tests;

public sealed class CacheSimulatorTests
{
    private static TraceRequest[] Trace(string ids, params (char Id, long Size)[] sizes)
    {
        var trace = new TraceRequest[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            var size = 1L;
            foreach (var (id, s) in sizes)
            {
                size = id == ids[i] ? s : size;
            }

            trace[i] = new TraceRequest(ids[i].ToString(), size);
        }

        return trace;
    }

    [Fact]
    public void Run_UnitSizesHandChecked_BothExact()
    {
        var trace = Trace("ABCABDA");

        var lru = new LruCacheSimulator().Run(trace, 2);
        var belady = new BeladyCacheSimulator().Run(trace, 2);

        Assert.Equal(0, lru.Hits);
        Assert.Equal(2, belady.Hits);
        Assert.Equal(7, belady.Requests);
        Assert.Equal(5, belady.BytesLoaded);
    }

    [Fact]
    public void Run_VariableSizesHandChecked_BothExact()
    {
        var trace = Trace("ABCABA", ('A', 6), ('B', 4), ('C', 4));

        var lru = new LruCacheSimulator().Run(trace, 10);
        var belady = new BeladyCacheSimulator().Run(trace, 10);

        Assert.Equal(1, lru.Hits);
        Assert.Equal(2, belady.Hits);
        Assert.Equal(6 + 4 + 4 + 4, belady.BytesLoaded);
    }

    [Fact]
    public void Run_LargerThanCapacity_UnservableMiss()
    {
        var trace = Trace("AXA", ('X', 100));

        var lru = new LruCacheSimulator().Run(trace, 10);
        var belady = new BeladyCacheSimulator().Run(trace, 10);

        Assert.Equal((1L, 1L), (lru.Hits, lru.Unservable));
        Assert.Equal((1L, 1L), (belady.Hits, belady.Unservable));
    }

    [Fact]
    public void Run_EverythingFits_OnlyColdMisses()
    {
        var trace = new ZipfTraceGenerator(1, 20, 1.0, 10, 100).Generate(1000);
        var distinct = trace.Select(t => t.ModelId).Distinct().Count();

        Assert.Equal(1000 - distinct, new LruCacheSimulator().Run(trace, 10_000).Hits);
        Assert.Equal(1000 - distinct, new BeladyCacheSimulator().Run(trace, 10_000).Hits);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Run_RandomUnitSizeTraces_BeladyAtLeastLru(int seed)
    {
        var random = new Random(seed);
        var trace = new TraceRequest[3000];
        for (var i = 0; i < trace.Length; i++)
        {
            trace[i] = new TraceRequest($"m{random.Next(0, 40)}", 1);
        }

        for (var capacity = 1; capacity <= 40; capacity += 3)
        {
            Assert.True(new BeladyCacheSimulator().Run(trace, capacity).Hits >= new LruCacheSimulator().Run(trace, capacity).Hits);
        }
    }

    [Theory]
    [InlineData(1, 0.8)]
    [InlineData(2, 1.0)]
    [InlineData(3, 1.2)]
    [InlineData(4, 0.6)]
    [InlineData(5, 1.0)]
    public void Run_ZipfVariableSizes_BeladyAtLeastLru(int seed, double s)
    {
        var generator = new ZipfTraceGenerator(seed, 200, s, 1_000_000, 50_000_000);
        var trace = generator.Generate(20_000);
        var total = generator.Models.Sum(m => m.SizeBytes);

        foreach (var fraction in new[] { 0.05, 0.1, 0.25, 0.5 })
        {
            var capacity = (long)(total * fraction);
            var lru = new LruCacheSimulator().Run(trace, capacity);
            var belady = new BeladyCacheSimulator().Run(trace, capacity);
            Assert.True(belady.HitRatio >= lru.HitRatio, $"capacity {fraction}: Belady {belady.HitRatio:F4} < LRU {lru.HitRatio:F4}");
        }
    }

    [Fact]
    public void Generate_SameSeed_SameTrace()
    {
        var a = new ZipfTraceGenerator(42, 100, 1.1).Generate(500);
        var b = new ZipfTraceGenerator(42, 100, 1.1).Generate(500);
        var c = new ZipfTraceGenerator(43, 100, 1.1).Generate(500);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Generate_Zipf_RankOneMostPopularAndSizesInBounds()
    {
        var generator = new ZipfTraceGenerator(3, 50, 1.0, 100, 1000);
        var trace = generator.Generate(50_000);
        var counts = trace.GroupBy(t => t.ModelId).ToDictionary(g => g.Key, g => g.Count());

        Assert.True(counts["model-0001"] > counts["model-0002"]);
        Assert.True(counts["model-0002"] > counts.GetValueOrDefault("model-0050"));
        var expectedShare = 1 / generator.Models.Select((_, k) => 1.0 / (k + 1)).Sum();
        Assert.InRange(counts["model-0001"] / 50_000.0, expectedShare - 0.01, expectedShare + 0.01);
        Assert.All(generator.Models, m => Assert.InRange(m.SizeBytes, 100, 1000));
        Assert.All(trace, t => Assert.Equal(generator.Models.First(m => m.ModelId == t.ModelId).SizeBytes, t.SizeBytes));
    }
}
