using ModelMesh.ClusterTests.Fixtures;
using Xunit.Abstractions;

namespace ModelMesh.ClusterTests;

/// <summary>A silo process's resident memory stays bounded by its capacity while models churn through it.</summary>
public sealed class SiloMemoryTests(ITestOutputHelper output)
{
    private const long MiB = 1024 * 1024;
    private const long Capacity = 64 * MiB;

    /// <summary>
    /// What the silo's resident memory may grow by beyond its model capacity while copies churn: GC headroom, allocator
    /// slack, Orleans' activation bookkeeping. Measured from the idle silo: an idle silo with no model is about 170 MiB
    /// resident since it is an Orleans silo with the dashboard and its own V2 front end (about 95 MB before).
    /// </summary>
    private const long Overhead = 192 * MiB;

    private const int ModelCount = 24;
    private const long ModelBytes = 8_000_000;
    private const int Requests = 1000;

    /// <remarks>
    /// Fails today (max VmRSS ~420 MiB, plateau 360-390 MiB, idle 85 MiB): freed model weights stay in glibc's heap
    /// (its dynamic mmap threshold rises to the 8 MB weight buffers after the first frees, so later ones come
    /// from arenas that are not given back). With MALLOC_MMAP_THRESHOLD_=131072 in the silo's environment the same
    /// run peaks at ~204 MiB. RSS is bounded (no growth per cycle) but far above what the silo accounts.
    /// </remarks>
    [Fact]
    public async Task Churn_ThousandLoadsOverThreeTimesCapacity_RssStaysWithinCapacityPlusOverhead()
    {
        using var models = new TestModels();
        // LRU admission: cyclic access then misses on every request (TinyLFU would keep a few models resident, which is its
        // point but not this test's: churn through memory).
        await using var cluster = await ClusterProcesses.StartAsync(silos: 1, capacity: "64MiB", "--churn-guard", "0s", "--admission", "Lru");
        var silo = cluster.Silos[0];
        for (var i = 1; i <= ModelCount; i++)
        {
            await cluster.Client.RegisterModelAsync($"churn-{i}", "file://" + models.WriteLookupModel(i, ModelBytes));
        }

        var idle = silo.ResidentBytes() ?? 0;
        long max = idle;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (silo.ResidentBytes() is { } rss && rss > Interlocked.Read(ref max))
                {
                    Interlocked.Exchange(ref max, rss);
                }

                await Task.Delay(10);
            }
        });

        // Cyclic access over 24 models of which about six fit: every request misses, loads and evicts.
        var trajectory = new List<string>();
        for (var n = 0; n < Requests; n++)
        {
            if (n % 100 == 0)
            {
                trajectory.Add($"{n}: {(silo.ResidentBytes() ?? 0) / MiB}");
            }

            var index = (n % ModelCount) + 1;
            var response = await cluster.Client.InferAsync(TestModels.LookupRequest($"churn-{index}", n), TimeSpan.FromSeconds(60));
            Assert.Equal(TestModels.LookupValue(index, n), TestModels.LookupAnswer(response));
        }

        await stop.CancelAsync();
        await sampler;
        var end = silo.ResidentBytes() ?? 0;
        var loads = CountOccurrences(silo.Output, " loaded on cpu"); // the copy cache's "Copy churn-N/0 of churn-N loaded on cpu"
        var evictions = CountOccurrences(silo.Output, "Evicted copy churn-");
        output.WriteLine($"capacity {Capacity / MiB} MiB, overhead allowance {Overhead / MiB} MiB; models {ModelCount} x {ModelBytes / 1e6:0} MB = {ModelCount * ModelBytes / (double)Capacity:0.0}x capacity");
        output.WriteLine($"{Requests} requests, {loads} loads, {evictions} evictions; VmRSS idle {idle / MiB} MiB, max {max / MiB} MiB, end {end / MiB} MiB");
        output.WriteLine($"VmRSS (MiB) after N requests: {string.Join(", ", trajectory)}");
        Assert.True(loads >= Requests * 9 / 10, $"expected a load per request (cyclic access), saw {loads}\n{cluster.Logs()}");
        Assert.True(max - idle <= Capacity + Overhead,
            $"max VmRSS {max / MiB} MiB grew more than capacity {Capacity / MiB} MiB + overhead {Overhead / MiB} MiB over the idle {idle / MiB} MiB");
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
