using Google.Protobuf;
using ModelMesh.Orleans.Copies;
using ModelMesh.Serving.Statistics;
using ModelMesh.Silo;
using ModelMesh.Testing;

namespace ModelMesh.Orleans.Tests;

/// <summary>Inference through a model copy grain, over the V2 request bytes the caller does not parse.</summary>
public sealed class ModelCopyGrainTests
{
    [Fact]
    public async Task Real_onnx_inference_through_the_copy_returns_the_models_output()
    {
        await using var mesh = await CopyCluster.StartAsync(_ => { }, _ => { });
        mesh.Register("simple");

        var response = await mesh.Copy("simple").InferAsync(new(Inference.SimpleRequest("simple").ToByteArray()));

        var (sum, difference) = Inference.Outputs(response.Value);
        Assert.Equal(Inference.Sum, sum);
        Assert.Equal(Inference.Difference, difference);
        Assert.Equal("simple", ModelInferResponse(response.Value).ModelName);

        // Counted in the statistics extension of the silo that holds the copy (and only there).
        var holder = mesh.IndexOf((await mesh.Copy("simple").GetStatusAsync()).Silo);
        Assert.Equal(1UL, mesh.Service<InferenceStatistics>(holder).Snapshot("simple", "1").InferenceStats.Success.Count);
        Assert.Equal(0UL, mesh.Service<InferenceStatistics>(1 - holder).Snapshot("simple", "1").InferenceStats.Success.Count);
    }

    [Fact]
    public async Task Bad_requests_and_unknown_models_are_typed_errors()
    {
        await using var mesh = await CopyCluster.StartAsync(_ => { });
        mesh.Register("simple");

        var garbage = await Assert.ThrowsAsync<ModelCopyException>(() => mesh.Copy("simple").InferAsync(new([0xff, 0xff, 0xff])));
        Assert.Equal(CopyFailure.InvalidRequest, garbage.Failure);
        Assert.Equal(3, garbage.GrpcStatus);

        var wrongInput = InferRequests.SampleMlp("simple").ToByteArray();
        var rejected = await Assert.ThrowsAsync<ModelCopyException>(() => mesh.Copy("simple").InferAsync(new(wrongInput)));
        Assert.Equal(3, rejected.GrpcStatus);

        var unknown = await Assert.ThrowsAsync<ModelCopyException>(() => mesh.Copy("nope").GetStatusAsync());
        Assert.Equal(CopyFailure.ModelNotFound, unknown.Failure);
        Assert.Equal(5, unknown.GrpcStatus);

        var badKey = await Assert.ThrowsAsync<ModelCopyException>(() => mesh.Client.GetGrain<IModelCopyGrain>("no-copy-number").GetStatusAsync());
        Assert.Equal(CopyFailure.InvalidKey, badKey.Failure);
    }

    [Fact]
    public async Task A_model_that_fails_to_load_answers_failed_precondition_and_frees_its_reservation()
    {
        await using var mesh = await CopyCluster.StartAsync(_ => { });
        var folder = Directory.CreateTempSubdirectory("mm-orleans-corrupt-").FullName;
        try
        {
            var path = ModelFactory.WriteCorrupt(folder, "corrupt");
            mesh.Registrations.Register(new Registrations.ModelRegistration("corrupt", path));

            var error = await Assert.ThrowsAsync<ModelCopyException>(() => mesh.Copy("corrupt").InferAsync(new(Inference.SimpleRequest("corrupt").ToByteArray())));

            Assert.Equal(CopyFailure.LoadFailed, error.Failure);
            Assert.Equal(9, error.GrpcStatus);
            await Eventually.Until(() => mesh.Cache(0).UsedBytes("cpu") == 0, CopyCluster.Patience, "the failed copy holds no bytes");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Concurrent_requests_to_one_copy_overlap()
    {
        // The test holds both of the silo's run slots, so every request that reaches the copy waits in the run limiter.
        // Six requests waiting at once prove the activation admits them concurrently (a non-reentrant grain would hold
        // the other five in its queue: at most one would wait). Then the slots are released and all six complete.
        await using var mesh = await CopyCluster.StartAsync(o => o.MaxConcurrentRuns = 2);
        mesh.Register("simple");
        var copy = mesh.Copy("simple");
        await copy.WaitLoadedAsync();
        var limiter = mesh.Service<RunLimiter>(0);

        var held = new[] { await limiter.EnterAsync(CancellationToken.None), await limiter.EnterAsync(CancellationToken.None) };
        var request = Inference.SimpleRequest("simple").ToByteArray();
        var calls = Enumerable.Range(0, 6).Select(_ => copy.InferAsync(new(request))).ToList();
        try
        {
            await Eventually.Until(() => limiter.Waiting == 6, CopyCluster.Patience, "six requests wait in the run limiter at once");
            Assert.Equal(6, (await copy.GetStatusAsync()).InFlight);
        }
        finally
        {
            foreach (var slot in held)
            {
                slot.Dispose();
            }
        }

        foreach (var response in await Task.WhenAll(calls))
        {
            Assert.Equal(Inference.Sum, Inference.Outputs(response.Value).Sum);
        }
    }

    [Fact]
    public async Task A_front_door_member_with_no_model_capacity_places_copies_on_model_silos_in_one_hop()
    {
        // Silo 0 is a front door: a cluster member with zero model capacity. Its own grain factory calls the copy directly
        // (one Orleans hop to the silo that holds it, no gateway in between); the copy never lands on the front door.
        await using var mesh = await CopyCluster.StartAsync(o => o.CpuCapacityBytes = 0, _ => { }, _ => { });
        mesh.Register("simple");
        var frontDoor = mesh.Service<IGrainFactory>(0);

        var copy = frontDoor.GetGrain<IModelCopyGrain>("simple/0");
        var response = await copy.InferAsync(new(Inference.SimpleRequest("simple").ToByteArray()));

        Assert.Equal(Inference.Sum, Inference.Outputs(response.Value).Sum);
        Assert.NotEqual(0, mesh.IndexOf((await copy.GetStatusAsync()).Silo));
        Assert.Empty(mesh.Cache(0).Copies());
    }

    private static Contracts.Inference.ModelInferResponse ModelInferResponse(byte[] bytes) => Contracts.Inference.ModelInferResponse.Parser.ParseFrom(bytes);
}
