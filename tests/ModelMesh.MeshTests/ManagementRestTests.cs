using System.Net;
using System.Text.Json;
using Grpc.Core;
using ModelMesh.Onnx;
using ModelMesh.Testing;

namespace ModelMesh.MeshTests;

/// <summary>The management REST API (<c>/v1/mesh/...</c>) on the front door: status codes and body shapes.</summary>
public sealed class ManagementRestTests(SamplesClusterFixture fixture) : IClassFixture<SamplesClusterFixture>
{
    private TestCluster Cluster => fixture.Cluster;

    private HttpClient Http => Cluster.Http;

    private string Sample(string name, string id) => ModelFactory.WriteSample(Cluster.ModelsDirectory, name, id);

    [Fact]
    public async Task PutModel_NewThenIdentical_Returns201Then200()
    {
        var body = RestJson.Register(Sample(SampleModels.Mlp, "rest-put"));
        var (first, created) = await RestJson.SendAsync(Http, HttpMethod.Put, "/v1/mesh/models/rest-put", body);
        var (second, _) = await RestJson.SendAsync(Http, HttpMethod.Put, "/v1/mesh/models/rest-put", body);

        Assert.Equal(HttpStatusCode.Created, first);
        Assert.Equal("rest-put", created.GetProperty("modelId").GetString());
        Assert.Equal("NOT_LOADED", created.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, second);
    }

    [Fact]
    public async Task PutModel_DifferentAttributes_Returns409()
    {
        var path = Sample(SampleModels.Mlp, "rest-conflict");
        Assert.Equal(HttpStatusCode.Created, (await RestJson.SendAsync(Http, HttpMethod.Put, "/v1/mesh/models/rest-conflict", RestJson.Register(path))).Status);

        var (status, body) = await RestJson.SendAsync(Http, HttpMethod.Put, "/v1/mesh/models/rest-conflict", RestJson.Register(path, "\"sizeHintBytes\": 12345"));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("immutable", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("{\"format\": \"onnx\"}")]
    [InlineData("{\"storageUri\": 42}")]
    [InlineData("{\"storageUri\": \"s3://bucket/models/m.onnx\"}")]
    [InlineData("{\"storageUri\": \"relative/path.onnx\"}")]
    [InlineData("{\"storageUri\": \"file:///tmp/m.onnx\", \"format\": \"tensorflow\"}")]
    [InlineData("{\"storageUri\": \"file:///tmp/m.onnx\", \"sizeHintBytes\": -1}")]
    [InlineData("{\"storageUri\": \"file:///tmp/m.onnx\", \"loadNow\": \"yes\"}")]
    public async Task PutModel_InvalidRequest_Returns400WithError(string body)
    {
        var (status, error) = await RestJson.SendAsync(Http, HttpMethod.Put, "/v1/mesh/models/rest-invalid", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await RestJson.SendAsync(Http, HttpMethod.Get, "/v1/mesh/models/rest-invalid")).Status);
    }

    [Fact]
    public async Task GetModel_Unknown_Returns404()
    {
        var (status, body) = await RestJson.SendAsync(Http, HttpMethod.Get, "/v1/mesh/models/no-such-model");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("no-such-model", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureLoaded_Registered_LoadsOneCopyAndStatusHasItsShape()
    {
        await RestJson.SendAsync(Http, HttpMethod.Put, "/v1/mesh/models/rest-ensure", RestJson.Register(Sample(SampleModels.Mlp, "rest-ensure")));

        var (status, loaded) = await RestJson.SendAsync(Http, HttpMethod.Post, "/v1/mesh/models/rest-ensure:ensureLoaded?sync=true");
        var (getStatus, body) = await RestJson.SendAsync(Http, HttpMethod.Get, "/v1/mesh/models/rest-ensure");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("LOADED", loaded.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, getStatus);
        Assert.Equal("rest-ensure", body.GetProperty("modelId").GetString());
        Assert.Equal("LOADED", body.GetProperty("status").GetString());
        var copy = Assert.Single(body.GetProperty("copies").EnumerateArray());
        Assert.Contains(copy.GetProperty("silo").GetString(), Cluster.Silos.Select(s => s.SiloId));
        Assert.Equal("loaded", copy.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Array, body.GetProperty("errors").ValueKind);
        Assert.Empty(body.GetProperty("errors").EnumerateArray());
        Assert.Single(Cluster.SilosHolding("rest-ensure"));
    }

    [Fact]
    public async Task EnsureLoaded_Unknown_Returns404()
    {
        var (status, _) = await RestJson.SendAsync(Http, HttpMethod.Post, "/v1/mesh/models/rest-unknown:ensureLoaded");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task DeleteModel_Registered_LaterInferenceIsNotFoundOnGrpcAnd404OnRest()
    {
        await RestJson.SendAsync(Http, HttpMethod.Put, "/v1/mesh/models/rest-delete", RestJson.Register(Sample(SampleModels.Mlp, "rest-delete")));
        await Cluster.V2.InferAsync(InferRequests.SampleMlp("rest-delete"));

        var (status, _) = await RestJson.SendAsync(Http, HttpMethod.Delete, "/v1/mesh/models/rest-delete");

        Assert.Equal(HttpStatusCode.OK, status);
        var e = await Assert.ThrowsAsync<RpcException>(() => Cluster.V2.InferAsync(InferRequests.SampleMlp("rest-delete")));
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
        var (restStatus, error) = await RestJson.SendAsync(Http, HttpMethod.Post, "/v2/models/rest-delete/infer",
            """{"inputs": [{"name": "input", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 4]}]}""");
        Assert.Equal(HttpStatusCode.NotFound, restStatus);
        Assert.Contains("rest-delete", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await RestJson.SendAsync(Http, HttpMethod.Get, "/v1/mesh/models/rest-delete")).Status);
        await Eventually.Until(() => Cluster.SilosHolding("rest-delete").Count == 0, TimeSpan.FromSeconds(10), "no silo holds rest-delete");
    }

    [Fact]
    public async Task DeleteModel_Unknown_Returns404()
    {
        var (status, _) = await RestJson.SendAsync(Http, HttpMethod.Delete, "/v1/mesh/models/never-registered");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task ListModels_Samples_ListsEveryModelWithStatus()
    {
        var (status, body) = await RestJson.SendAsync(Http, HttpMethod.Get, "/v1/mesh/models");

        Assert.Equal(HttpStatusCode.OK, status);
        var models = body.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("modelId").GetString()!, m => m.GetProperty("status").GetString());
        foreach (var name in SampleModels.Names)
        {
            Assert.Contains(name, models.Keys);
            Assert.Contains(models[name], new[] { "NOT_LOADED", "LOADING", "LOADED" });
        }
    }

    [Fact]
    public async Task VModels_PutGetInferDelete_InferenceByVModelReachesTarget()
    {
        await RestJson.SendAsync(Http, HttpMethod.Put, "/v1/mesh/models/rest-target", RestJson.Register(Sample(SampleModels.Simple, "rest-target")));

        var (put, vmodel) = await RestJson.SendAsync(Http, HttpMethod.Put, "/v1/mesh/vmodels/rest-alias", """{"targetModelId": "rest-target", "owner": "tests"}""");
        var (get, read) = await RestJson.SendAsync(Http, HttpMethod.Get, "/v1/mesh/vmodels/rest-alias");
        var a = Enumerable.Range(1, 16).ToArray();
        var b = a.Select(x => x * 10).ToArray();
        var response = await Cluster.V2.InferAsync(InferRequests.Simple("rest-alias", a, b));

        Assert.Equal(HttpStatusCode.OK, put);
        Assert.Equal("rest-target", vmodel.GetProperty("targetModelId").GetString());
        Assert.Equal(HttpStatusCode.OK, get);
        Assert.Equal("rest-alias", read.GetProperty("vmodelId").GetString());
        Assert.Equal("tests", read.GetProperty("owner").GetString());
        Assert.Equal("rest-target", read.GetProperty("targetStatus").GetProperty("modelId").GetString());
        Assert.Equal(a.Select(x => x * 11), InferRequests.Ints(response.RawOutputContents[0]));
        Assert.Single(Cluster.SilosHolding("rest-target"));

        Assert.Equal(HttpStatusCode.OK, (await RestJson.SendAsync(Http, HttpMethod.Delete, "/v1/mesh/vmodels/rest-alias")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await RestJson.SendAsync(Http, HttpMethod.Get, "/v1/mesh/vmodels/rest-alias")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await RestJson.SendAsync(Http, HttpMethod.Delete, "/v1/mesh/vmodels/rest-alias")).Status);
        var e = await Assert.ThrowsAsync<RpcException>(() => Cluster.V2.InferAsync(InferRequests.Simple("rest-alias", [1], [1])));
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public async Task PutVModel_UnknownTarget_Returns404()
    {
        var (status, _) = await RestJson.SendAsync(Http, HttpMethod.Put, "/v1/mesh/vmodels/rest-dangling", """{"targetModelId": "nothing-here"}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task GetCluster_TwoSilos_ListsSilosWithDevicesAndModels()
    {
        await Cluster.V2.InferAsync(InferRequests.SampleMlp(SampleModels.Mlp));

        var (status, body) = await RestJson.SendAsync(Http, HttpMethod.Get, "/v1/mesh/cluster");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.GetProperty("degraded").GetBoolean());
        var members = body.GetProperty("silos").EnumerateArray().ToList();
        var silos = members.Where(s => s.GetProperty("state").GetString() != "frontdoor").ToList();
        Assert.Equal(["frontdoor"], members.Where(s => s.GetProperty("state").GetString() == "frontdoor").Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(Cluster.Silos.Select(s => s.SiloId), silos.Select(s => s.GetProperty("id").GetString()));
        foreach (var silo in silos)
        {
            Assert.Equal("active", silo.GetProperty("state").GetString());
            Assert.StartsWith("127.0.0.1:", silo.GetProperty("address").GetString(), StringComparison.Ordinal);
            var cpu = Assert.Single(silo.GetProperty("devices").EnumerateArray());
            Assert.Equal("cpu", cpu.GetProperty("name").GetString());
            Assert.Equal(Cluster.SiloCapacityBytes, cpu.GetProperty("capacityBytes").GetInt64());
            Assert.InRange(cpu.GetProperty("usedBytes").GetInt64(), 0, Cluster.SiloCapacityBytes);
            Assert.Equal(JsonValueKind.Array, silo.GetProperty("models").ValueKind);
        }

        Assert.Contains(silos, s => s.GetProperty("models").EnumerateArray().Any(m => m.GetString() == SampleModels.Mlp));
    }
}
