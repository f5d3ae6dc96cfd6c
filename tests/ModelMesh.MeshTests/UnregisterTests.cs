using Grpc.Core;
using ModelMesh.Onnx;
using ModelMesh.Testing;

namespace ModelMesh.MeshTests;

/// <summary>Invariant 6, unregister wins: the record goes first, then copies unload; later requests get NOT_FOUND.</summary>
public sealed class UnregisterTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync(silos: 2, siloCapacityBytes: 256L * 1024 * 1024);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private async Task LoadOnEverySiloAsync(string modelId)
    {
        await _cluster.LoadCopiesAsync(modelId, _cluster.Silos.Count);
        Assert.Equal(_cluster.Silos.Count, _cluster.SilosHolding(modelId).Count);
        await _cluster.WaitUntilStableAsync();
    }

    [Fact]
    public async Task Unregister_UnderLoadWithCopiesOnEverySilo_LaterRequestsNotFoundAndNothingElseFails()
    {
        await _cluster.RegisterFileAsync("doomed", ModelFactory.WriteSample(_cluster.ModelsDirectory, SampleModels.Conv, "doomed"));
        await LoadOnEverySiloAsync("doomed");
        var unregistered = 0;
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<(bool StartedAfterUnregister, StatusCode Code)>();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var after = Volatile.Read(ref unregistered) == 1;
                try
                {
                    await _cluster.V2.InferAsync(InferRequests.Conv("doomed", batch: 4));
                    outcomes.Add((after, StatusCode.OK));
                }
                catch (RpcException e)
                {
                    outcomes.Add((after, e.StatusCode));
                }
            }
        })).ToArray();
        await Eventually.Until(() => outcomes.Count >= 8, TimeSpan.FromSeconds(30), "requests are flowing");

        await _cluster.Client.UnregisterModelAsync("doomed");
        Volatile.Write(ref unregistered, 1);
        await Eventually.Until(() => outcomes.Count(o => o.StartedAfterUnregister) >= 20, TimeSpan.FromSeconds(30), "requests after the unregister");
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.All(outcomes.Where(o => o.StartedAfterUnregister), o => Assert.Equal(StatusCode.NotFound, o.Code));
        Assert.All(outcomes, o => Assert.Contains(o.Code, new[] { StatusCode.OK, StatusCode.NotFound }));
        await _cluster.WaitUntilStableAsync();
        Assert.Empty(_cluster.SilosHolding("doomed"));
        Assert.DoesNotContain(_cluster.Board.Snapshot().SelectMany(s => s.Copies), c => c.ModelId == "doomed");
    }

    [Fact]
    public async Task RegistryUnregister_ByAnotherFrontDoor_RequestsTurnNotFoundAndSilosDropTheirCopies()
    {
        await _cluster.RegisterFileAsync("elsewhere", ModelFactory.WriteSample(_cluster.ModelsDirectory, SampleModels.Mlp, "elsewhere"));
        await LoadOnEverySiloAsync("elsewhere");

        Assert.True(await _cluster.Registry.UnregisterModelAsync("elsewhere"));

        await Eventually.Until(async () =>
        {
            try
            {
                await _cluster.V2.InferAsync(InferRequests.SampleMlp("elsewhere"));
                return false;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return true;
            }
        }, TimeSpan.FromSeconds(10), "inference answers NOT_FOUND");
        await Eventually.Until(() => _cluster.SilosHolding("elsewhere").Count == 0, TimeSpan.FromSeconds(30), "the silos unloaded the unregistered model");
        await _cluster.WaitUntilStableAsync();
    }
}
