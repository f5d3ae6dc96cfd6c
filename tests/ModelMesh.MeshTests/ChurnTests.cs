using Grpc.Core;
using ModelMesh.Placement;
using ModelMesh.Testing;

namespace ModelMesh.MeshTests;

/// <summary>
/// Cycling through several times more models than fit, with the churn guard on: every request is a load that needs
/// an eviction inside the guard. Silos refuse such loads (ABORTED) unless the front door asks for a last-resort
/// eviction; the front door must ask, not give up, once every silo has refused (the churn-3x scenario failed 85% of
/// requests with "no eligible silo" before it did).
/// </summary>
public sealed class ChurnTests
{
    [Fact]
    public async Task ModelInfer_RoundRobinOverFourTimesWhatFitsInsideTheChurnGuard_EveryRequestSucceedsNeverOverCapacity()
    {
        await using var cluster = await TestCluster.StartAsync(
            silos: 2, siloCapacityBytes: 16L * 1024 * 1024, cache: new CacheOptions { ChurnGuard = TimeSpan.FromMinutes(5) });
        await using var monitor = CapacityMonitor.Start(cluster);
        var models = new List<SizedMlpModel>();
        for (var i = 0; i < 16; i++)
        {
            models.Add(await cluster.RegisterMlpOfSizeAsync($"churn-{i}", 1024 * 1024));
        }

        var x = InferRequests.SizedMlpInput();
        var next = -1;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var workers = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < 96)
            {
                var model = models[n % models.Count];
                try
                {
                    var response = await cluster.V2.InferAsync(InferRequests.SizedMlp(model.ModelId, x), TimeSpan.FromSeconds(30));
                    Assert.Equal(model.Reference(x).Length, InferRequests.Floats(response.RawOutputContents[0]).Length);
                }
                catch (RpcException e)
                {
                    failures.Enqueue($"request {n} ({model.ModelId}): {e.StatusCode}: {e.Status.Detail}");
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);

        Assert.True(failures.IsEmpty, $"{failures.Count} of 96 failed:\n{string.Join("\n", failures.Take(10))}");
        Assert.True(cluster.Log.WithId(ClusterLog.Evicted).Count() >= 16, "the cycle must evict: it is four times what fits");
        Assert.Empty(monitor.Violations);
    }
}
