using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using ModelMesh.Orleans.Copies;
using Orleans;
using Orleans.Concurrency;
using System.Net;
using ModelMesh.Contracts.Inference;
using Grpc.Core;
using Grpc.Net.Client;
using ModelMesh.Onnx;
using ModelMesh.Serving.Grpc;
using ModelMesh.Testing;

namespace ModelMesh.MeshTests;

/// <summary>
/// The statistics extension in the mesh: each silo counts the requests it runs, the front door sums the silos
/// (gRPC ModelStatistics and REST /stats) and leaves out a silo that is gone. Requests go straight to chosen silos
/// (through the copy grains) so that both silos hold counts of the same model.
/// </summary>
public sealed class StatisticsTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync(silos: 2, siloCapacityBytes: 256L * 1024 * 1024);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ModelStatistics_RequestsOnCopiesOnTwoSilos_FrontDoorSumsThemAndLeavesOutAKilledSilo()
    {
        await _cluster.RegisterFileAsync("stats-mlp", ModelFactory.WriteSample(_cluster.ModelsDirectory, SampleModels.Mlp, "stats-mlp"));
        // Copies 0 and 1 on the two silos (anti-affinity), each sent its own requests straight through its copy grain.
        await _cluster.LoadCopiesAsync("stats-mlp", 2);
        foreach (var rows in new[] { 1, 2, 3 })
        {
            await InferOnCopyAsync(0, InferRequests.SampleMlp("stats-mlp", rows));
        }

        await InferOnCopyAsync(1, InferRequests.SampleMlp("stats-mlp", 4));
        await InferOnCopyAsync(1, InferRequests.SampleMlp("stats-mlp", 1));
        var bad = InferRequests.SampleMlp("stats-mlp");
        bad.Inputs[0].Shape[1] = 5; // 4 values for a [1,5] tensor: refused after the copy was reached
        var refused = await Assert.ThrowsAsync<ModelCopyException>(() => InferOnCopyAsync(0, bad));
        Assert.Equal((int)StatusCode.InvalidArgument, refused.GrpcStatus);
        var b = Assert.Single(_cluster.Silos, s => s.Cache.Copies().Any(c => c.KeyText == "stats-mlp/1"));

        var total = Assert.Single((await StatisticsAsync("stats-mlp")).ModelStats);

        Assert.Equal(("stats-mlp", "1"), (total.Name, total.Version));
        Assert.Equal(5UL, total.ExecutionCount);
        Assert.Equal(11UL, total.InferenceCount); // batch rows 1+2+3+4+1
        Assert.Equal(5UL, total.InferenceStats.Success.Count);
        Assert.Equal(1UL, total.InferenceStats.Fail.Count);
        foreach (var stage in new[] { total.InferenceStats.Queue, total.InferenceStats.ComputeInput, total.InferenceStats.ComputeInfer, total.InferenceStats.ComputeOutput })
        {
            Assert.Equal(5UL, stage.Count);
        }

        Assert.True(total.InferenceStats.Success.Ns >= total.InferenceStats.ComputeInfer.Ns && total.InferenceStats.ComputeInfer.Ns > 0);
        Assert.True(total.InferenceStats.Fail.Ns > 0);
        Assert.InRange(total.LastInference, (ulong)DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds(), (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await _cluster.KillSiloAsync(b.SiloId);
        var afterKill = Assert.Single((await StatisticsAsync("stats-mlp")).ModelStats);

        Assert.Equal((3UL, 6UL, 1UL), (afterKill.ExecutionCount, afterKill.InferenceCount, afterKill.InferenceStats.Fail.Count));
    }

    [Fact]
    public async Task ModelStatistics_UnknownModelOrVersionWithoutName_NotFoundAndInvalidArgument()
    {
        var unknown = await Assert.ThrowsAsync<RpcException>(() => StatisticsAsync("no-such-model"));
        var versionOnly = await Assert.ThrowsAsync<RpcException>(() =>
            new GRPCInferenceService.GRPCInferenceServiceClient(_cluster.V2.Channel).ModelStatisticsAsync(new ModelStatisticsRequest { Version = "1" }).ResponseAsync);
        var (restStatus, restBody) = await RestJson.SendAsync(_cluster.Http, HttpMethod.Get, "/v2/models/no-such-model/stats");

        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, versionOnly.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, restStatus);
        Assert.Contains("no-such-model", restBody.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestStats_AfterFrontDoorRequests_TritonJsonForTheModelAndInTheAllModelsList()
    {
        await _cluster.RegisterFileAsync("stats-rest", ModelFactory.WriteSample(_cluster.ModelsDirectory, SampleModels.Mlp, "stats-rest"));
        await _cluster.RegisterFileAsync("stats-idle", ModelFactory.WriteSample(_cluster.ModelsDirectory, SampleModels.Mlp, "stats-idle"));
        for (var i = 0; i < 4; i++)
        {
            await _cluster.V2.InferAsync(InferRequests.SampleMlp("stats-rest"));
        }

        var (status, one) = await RestJson.SendAsync(_cluster.Http, HttpMethod.Get, "/v2/models/stats-rest/versions/1/stats");
        var (allStatus, all) = await RestJson.SendAsync(_cluster.Http, HttpMethod.Get, "/v2/models/stats");
        var (_, wrongVersion) = await RestJson.SendAsync(_cluster.Http, HttpMethod.Get, "/v2/models/stats-rest/versions/7/stats");

        Assert.Equal(HttpStatusCode.OK, status);
        var model = Assert.Single(one.GetProperty("model_stats").EnumerateArray());
        Assert.Equal("stats-rest", model.GetProperty("name").GetString());
        Assert.Equal("1", model.GetProperty("version").GetString());
        Assert.Equal(4, model.GetProperty("inference_count").GetInt64());
        Assert.Equal(4, model.GetProperty("execution_count").GetInt64());
        Assert.True(model.GetProperty("last_inference").GetInt64() > 0);
        var stats = model.GetProperty("inference_stats");
        Assert.Equal(4, stats.GetProperty("success").GetProperty("count").GetInt64());
        Assert.True(stats.GetProperty("compute_infer").GetProperty("ns").GetInt64() > 0);
        Assert.Equal(0, stats.GetProperty("fail").GetProperty("count").GetInt64());
        Assert.Equal(0, model.GetProperty("batch_stats").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, allStatus);
        var names = all.GetProperty("model_stats").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.Equal(["stats-idle", "stats-rest"], names);
        var idle = all.GetProperty("model_stats")[0];
        Assert.Equal((0, 0), (idle.GetProperty("execution_count").GetInt64(), idle.GetProperty("last_inference").GetInt64()));
        Assert.Contains("unknown model", wrongVersion.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private Task<ModelStatisticsResponse> StatisticsAsync(string name) =>
        new GRPCInferenceService.GRPCInferenceServiceClient(_cluster.V2.Channel).ModelStatisticsAsync(new ModelStatisticsRequest { Name = name }).ResponseAsync;

    /// <summary>ModelInfer on one given copy grain (so the test knows which silo counts it).</summary>
    private Task<CopyAnswer> InferOnCopyAsync(int copy, ModelInferRequest request) =>
        _cluster.FrontDoor.Services.GetRequiredService<IGrainFactory>().GetGrain<IModelCopyGrain>($"stats-mlp/{copy}")
            .InferAsync(new Immutable<byte[]>(request.ToByteArray()));
}
