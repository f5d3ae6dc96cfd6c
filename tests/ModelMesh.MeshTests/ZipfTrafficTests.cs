using Grpc.Core;
using ModelMesh.Placement;
using ModelMesh.Testing;

namespace ModelMesh.MeshTests;

/// <summary>More models than fit, under skewed traffic: everything is served, nothing overflows, the hot set stays loaded.</summary>
public sealed class ZipfTrafficTests : IAsyncLifetime
{
    private const int Models = 60;
    private const int Requests = 2000;
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync(
        silos: 3, siloCapacityBytes: 64L * 1024 * 1024, cache: new CacheOptions { ChurnGuard = TimeSpan.FromMilliseconds(200) });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ModelInfer_ZipfOver60ModelsOf8MiBOnThree64MiBSilos_AllSucceedNeverOverCapacityHotSetLoaded()
    {
        var ids = Enumerable.Range(0, Models).Select(i => $"zipf-{i:00}").ToArray();
        foreach (var id in ids)
        {
            await _cluster.RegisterMlpOfSizeAsync(id, 8L * 1024 * 1024);
        }

        var trace = ZipfTrace(Models, Requests, exponent: 1.0, seed: 42);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var next = -1;
        var x = InferRequests.SizedMlpInput();
        await using (var monitor = CapacityMonitor.Start(_cluster))
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < trace.Length)
                {
                    try
                    {
                        await _cluster.V2.InferAsync(InferRequests.SizedMlp(ids[trace[i]], x), TimeSpan.FromSeconds(120));
                    }
                    catch (RpcException e)
                    {
                        failures.Enqueue($"request {i} ({ids[trace[i]]}): {e.StatusCode}: {e.Status.Detail}");
                    }
                }
            })));
            await _cluster.WaitUntilStableAsync();

            Assert.True(failures.IsEmpty, $"{failures.Count} failed: {string.Join("\n", failures.Take(10))}");
            Assert.True(monitor.Violations.Count == 0, string.Join("\n", monitor.Violations.Take(10)));
            Assert.True(monitor.Samples > 10);
        }

        var loaded = _cluster.Silos.SelectMany(s => s.Cache.Copies()).Select(c => c.ModelId).ToHashSet();
        var hottest = trace.GroupBy(m => m).OrderByDescending(g => g.Count()).Take(2).Select(g => ids[g.Key]);
        Assert.All(hottest, id => Assert.Contains(id, loaded));
        Assert.True(_cluster.Log.WithId(ClusterLog.Evicted).Any(), "the working set is larger than the cluster: something must have been evicted");
    }

    /// <summary>Model ranks drawn from Zipf(s): P(rank k) ∝ 1 / k^s, seeded.</summary>
    private static int[] ZipfTrace(int models, int count, double exponent, int seed)
    {
        var weights = Enumerable.Range(1, models).Select(k => 1 / Math.Pow(k, exponent)).ToArray();
        var total = weights.Sum();
        var cdf = new double[models];
        var acc = 0.0;
        for (var k = 0; k < models; k++)
        {
            acc += weights[k] / total;
            cdf[k] = acc;
        }

        var random = new Random(seed);
        var trace = new int[count];
        for (var i = 0; i < count; i++)
        {
            var u = random.NextDouble();
            var k = Array.BinarySearch(cdf, u);
            trace[i] = Math.Min(models - 1, k >= 0 ? k : ~k);
        }

        return trace;
    }
}
