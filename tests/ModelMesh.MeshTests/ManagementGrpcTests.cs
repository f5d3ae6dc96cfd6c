using ModelMesh.Contracts.Management;
using Grpc.Core;
using ModelMesh.Onnx;
using ModelMesh.Testing;

namespace ModelMesh.MeshTests;

/// <summary>The management API over gRPC (<c>modelmesh.v1.ModelMesh</c>) through <see cref="Client.ModelMeshClient"/>.</summary>
public sealed class ManagementGrpcTests(SamplesClusterFixture fixture) : IClassFixture<SamplesClusterFixture>
{
    private TestCluster Cluster => fixture.Cluster;

    private string SampleUri(string name, string id) => new Uri(ModelFactory.WriteSample(Cluster.ModelsDirectory, name, id)).AbsoluteUri;

    [Fact]
    public async Task RegisterModel_NewIdenticalThenDifferent_NotLoadedThenSameThenAlreadyExists()
    {
        var uri = SampleUri(SampleModels.Mlp, "grpc-reg");

        var first = await Cluster.Client.RegisterModelAsync("grpc-reg", uri);
        var again = await Cluster.Client.RegisterModelAsync("grpc-reg", uri);
        var e = await Assert.ThrowsAsync<RpcException>(() => Cluster.Client.RegisterModelAsync("grpc-reg", uri, sizeHintBytes: 999));

        Assert.Equal(ModelStatus.NotLoaded, first.Status);
        Assert.Equal("grpc-reg", first.ModelId);
        Assert.Equal(ModelStatus.NotLoaded, again.Status);
        Assert.Equal(StatusCode.AlreadyExists, e.StatusCode);
    }

    [Theory]
    [InlineData("s3://bucket/m.onnx", "onnx")]
    [InlineData("file:///tmp/m.onnx", "pytorch")]
    [InlineData("not a uri", "onnx")]
    public async Task RegisterModel_InvalidInfo_InvalidArgument(string uri, string format)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => Cluster.Client.RegisterModelAsync("grpc-invalid", uri, format));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        var missing = await Assert.ThrowsAsync<RpcException>(() => Cluster.Client.GetModelStatusAsync("grpc-invalid"));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task EnsureLoaded_Sync_OneLoadedCopyListedEverywhere()
    {
        await Cluster.Client.RegisterModelAsync("grpc-load", SampleUri(SampleModels.Mlp, "grpc-load"));

        var status = await Cluster.Client.EnsureLoadedAsync("grpc-load", sync: true);
        var list = await Cluster.Client.ListModelsAsync();
        var cluster = await Cluster.Client.GetClusterStatusAsync();

        Assert.Equal(ModelStatus.Loaded, status.Status);
        var copy = Assert.Single(status.Copies);
        Assert.Equal("loaded", copy.State);
        Assert.Equal("cpu", copy.Device);
        Assert.True(copy.SizeBytes > 0);
        Assert.Equal(copy.Silo, Assert.Single(Cluster.SilosHolding("grpc-load")).SiloId);
        Assert.Equal(ModelStatus.Loaded, list.Models.Single(m => m.ModelId == "grpc-load").Status);
        Assert.Contains("grpc-load", cluster.Silos.Single(s => s.Id == copy.Silo).Models);
        Assert.Equal(Cluster.Silos.Count, cluster.Silos.Count(s => s.State != "frontdoor"));
        Assert.Equal("frontdoor", Assert.Single(cluster.Silos, s => s.Id == "frontdoor").State); // listed apart: a member with no model capacity
    }

    [Fact]
    public async Task Unregister_Loaded_StatusAndInferenceNotFoundAndSecondUnregisterNotFound()
    {
        await Cluster.Client.RegisterModelAsync("grpc-unreg", SampleUri(SampleModels.Mlp, "grpc-unreg"), loadNow: true, sync: true);

        await Cluster.Client.UnregisterModelAsync("grpc-unreg");

        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => Cluster.Client.GetModelStatusAsync("grpc-unreg"))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => Cluster.Client.InferAsync(InferRequests.SampleMlp("grpc-unreg")))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => Cluster.Client.UnregisterModelAsync("grpc-unreg"))).StatusCode);
        Assert.DoesNotContain((await Cluster.Client.ListModelsAsync()).Models, m => m.ModelId == "grpc-unreg");
    }

    [Fact]
    public async Task VModel_SetCompareAndSetDelete_InferenceFollowsTheTarget()
    {
        await Cluster.Client.RegisterModelAsync("grpc-v1", SampleUri(SampleModels.Mlp, "grpc-v1"));
        await Cluster.Client.RegisterModelAsync("grpc-v2", SampleUri(SampleModels.Simple, "grpc-v2"));

        var set = await Cluster.Client.SetVModelAsync("grpc-alias", "grpc-v1", owner: "team-a");
        var viaAlias = await Cluster.Client.InferAsync(InferRequests.SampleMlp("grpc-alias"));
        var wrongExpectation = await Assert.ThrowsAsync<RpcException>(() => Cluster.Client.SetVModelAsync("grpc-alias", "grpc-v2", expectedTargetModelId: "grpc-v2"));
        var moved = await Cluster.Client.SetVModelAsync("grpc-alias", "grpc-v2", expectedTargetModelId: "grpc-v1");
        var ones = Enumerable.Repeat(1, 16).ToArray();
        var viaMoved = await Cluster.Client.InferAsync(InferRequests.Simple("grpc-alias", ones, ones));

        Assert.Equal("grpc-v1", set.TargetModelId);
        Assert.Equal("team-a", set.Owner);
        Assert.Equal(3, InferRequests.Floats(viaAlias.RawOutputContents[0]).Length);
        Assert.Single(Cluster.SilosHolding("grpc-v1"));
        Assert.Equal(StatusCode.FailedPrecondition, wrongExpectation.StatusCode);
        Assert.Equal("grpc-v2", moved.TargetModelId);
        Assert.Equal(Enumerable.Repeat(2, 16), InferRequests.Ints(viaMoved.RawOutputContents[0]));
        Assert.Equal(ModelStatus.Loaded, (await Cluster.Client.GetVModelStatusAsync("grpc-alias")).TargetStatus.Status);

        await Cluster.Client.DeleteVModelAsync("grpc-alias");
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => Cluster.Client.GetVModelStatusAsync("grpc-alias"))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => Cluster.Client.DeleteVModelAsync("grpc-alias"))).StatusCode);
    }

    [Fact]
    public async Task GetClusterStatus_Running_EverySiloActiveWithCapacity()
    {
        var all = await Cluster.Client.GetClusterStatusAsync();
        var status = new ClusterStatus { Degraded = all.Degraded };
        status.Silos.AddRange(all.Silos.Where(s => s.State != "frontdoor"));

        Assert.False(status.Degraded);
        Assert.Equal(["frontdoor"], all.Silos.Where(s => s.State == "frontdoor").Select(s => s.Id));
        Assert.Equal(Cluster.Silos.Select(s => s.SiloId), status.Silos.Select(s => s.Id));
        Assert.All(status.Silos, s =>
        {
            Assert.Equal("active", s.State);
            Assert.Equal(Cluster.SiloCapacityBytes, Assert.Single(s.Devices).CapacityBytes);
        });
    }
}
