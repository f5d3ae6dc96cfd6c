using System.Collections.Concurrent;
using Grpc.Core;
using ModelMesh.Onnx;
using ModelMesh.Testing;

namespace ModelMesh.MeshTests;

/// <summary>Graceful leave (SIGTERM): a draining silo hands its recent models off and no request fails.</summary>
public sealed class DrainTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync(silos: 3, siloCapacityBytes: 256L * 1024 * 1024);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task StopSiloGracefully_UnderSteadyLoad_NoFailedRequestsAndModelsLoadedElsewhereFirst()
    {
        var ids = Enumerable.Range(0, 6).Select(i => $"drain-{i}").ToArray();
        foreach (var id in ids)
        {
            await _cluster.RegisterFileAsync(id, ModelFactory.WriteSample(_cluster.ModelsDirectory, SampleModels.Mlp, id));
            await _cluster.V2.InferAsync(InferRequests.SampleMlp(id));
        }

        await _cluster.WaitUntilStableAsync();
        var leaving = _cluster.Silos.OrderByDescending(s => s.Cache.Copies().Count).First();
        var held = leaving.Cache.Copies().Select(c => c.ModelId).ToList();
        Assert.NotEmpty(held);
        var failures = new ConcurrentQueue<string>();
        var succeeded = 0;
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
        {
            for (var i = c; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    await _cluster.V2.InferAsync(InferRequests.SampleMlp(ids[i % ids.Length]));
                    Interlocked.Increment(ref succeeded);
                }
                catch (RpcException e)
                {
                    failures.Enqueue($"{ids[i % ids.Length]}: {e.StatusCode}: {e.Status.Detail}");
                }
            }
        })).ToArray();
        await Eventually.Until(() => Volatile.Read(ref succeeded) > 50, TimeSpan.FromSeconds(30), "load is flowing");

        await _cluster.StopSiloGracefullyAsync(leaving.SiloId);
        var afterStop = Volatile.Read(ref succeeded);
        await Eventually.Until(() => Volatile.Read(ref succeeded) > afterStop + 50, TimeSpan.FromSeconds(30), "load flows after the drain");
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.True(failures.IsEmpty, $"{failures.Count} failed: {string.Join("\n", failures.Take(10))}");
        var drained = Assert.Single(_cluster.Log.WithId(ClusterLog.Drained), e => e.Member == leaving.SiloId);
        foreach (var model in held)
        {
            var elsewhere = _cluster.Log.WithId(ClusterLog.Loaded).Where(e => e.Value("Model") == model && e.Member != leaving.SiloId);
            Assert.True(elsewhere.Any(e => e.At <= drained.At), $"{model} was not loaded elsewhere before {leaving.SiloId} left\n{_cluster.Log.Dump()}");
        }

        await _cluster.WaitUntilStableAsync(TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(_cluster.Board.Snapshot(), s => s.Name == leaving.SiloId);
    }
}
