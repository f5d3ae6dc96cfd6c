using ModelMesh.Contracts.Management;
using ModelMesh.Onnx;
using ModelMesh.Testing;

namespace ModelMesh.MeshTests;

/// <summary>KServe V2 semantics at the front door: readiness, metadata, the repository extension, numerics.</summary>
public sealed class V2SemanticsTests(SamplesClusterFixture fixture) : IClassFixture<SamplesClusterFixture>
{
    private TestCluster Cluster => fixture.Cluster;

    private Task Register(string name, string id) => Cluster.RegisterFileAsync(id, ModelFactory.WriteSample(Cluster.ModelsDirectory, name, id));

    [Fact]
    public async Task ModelReady_RegisteredButUnloaded_FalseThenTrueAfterInference()
    {
        await Register(SampleModels.Mlp, "v2-ready");

        var before = await Cluster.V2.ModelReadyAsync("v2-ready");
        await Cluster.V2.InferAsync(InferRequests.SampleMlp("v2-ready"));
        var after = await Cluster.V2.ModelReadyAsync("v2-ready");

        Assert.False(before);
        Assert.True(after);
    }

    [Fact]
    public async Task ModelMetadata_RegisteredButUnloaded_DescribesTheModel()
    {
        await Register(SampleModels.Mlp, "v2-meta");

        var metadata = await Cluster.V2.ModelMetadataAsync("v2-meta");

        Assert.Equal("v2-meta", metadata.Name);
        var input = Assert.Single(metadata.Inputs);
        Assert.Equal("input", input.Name);
        Assert.Equal("FP32", input.Datatype);
        Assert.Equal([-1L, 4L], input.Shape);
        Assert.Equal("probabilities", Assert.Single(metadata.Outputs).Name);
    }

    [Fact]
    public async Task RepositoryUnload_Loaded_NotReadyButStillRegisteredAndInferenceReloads()
    {
        await Register(SampleModels.Mlp, "v2-unload");
        await Cluster.V2.InferAsync(InferRequests.SampleMlp("v2-unload"));
        Assert.True(await Cluster.V2.ModelReadyAsync("v2-unload"));

        await Cluster.V2.UnloadAsync("v2-unload");

        Assert.False(await Cluster.V2.ModelReadyAsync("v2-unload"));
        Assert.Empty(Cluster.SilosHolding("v2-unload"));
        Assert.Equal(ModelStatus.NotLoaded, (await Cluster.Client.GetModelStatusAsync("v2-unload")).Status);
        var response = await Cluster.V2.InferAsync(InferRequests.SampleMlp("v2-unload"));
        Assert.Equal(3, InferRequests.Floats(response.RawOutputContents[0]).Length);
        Assert.True(await Cluster.V2.ModelReadyAsync("v2-unload"));
        Assert.Equal(2, Cluster.Log.LoadsOf("v2-unload"));
    }

    [Fact]
    public async Task RepositoryLoad_Registered_MakesItReady()
    {
        await Register(SampleModels.Strings, "v2-load");

        await Cluster.V2.LoadAsync("v2-load");

        Assert.True(await Cluster.V2.ModelReadyAsync("v2-load"));
    }

    [Fact]
    public async Task RepositoryIndex_Mixed_ListsEveryModelWithItsState()
    {
        await Register(SampleModels.Mlp, "v2-index-loaded");
        await Register(SampleModels.Mlp, "v2-index-cold");
        await Cluster.V2.InferAsync(InferRequests.SampleMlp("v2-index-loaded"));

        var index = await Cluster.V2.IndexAsync();
        var readyOnly = await Cluster.V2.IndexAsync(readyOnly: true);

        var states = index.Models.ToDictionary(m => m.Name, m => m.State);
        Assert.Equal("READY", states["v2-index-loaded"]);
        Assert.Equal("UNAVAILABLE", states["v2-index-cold"]);
        foreach (var model in (await Cluster.Client.ListModelsAsync()).Models)
        {
            Assert.Contains(model.ModelId, states.Keys);
        }

        Assert.Contains(readyOnly.Models, m => m.Name == "v2-index-loaded");
        Assert.DoesNotContain(readyOnly.Models, m => m.Name == "v2-index-cold");
    }

    [Fact]
    public async Task ModelInfer_SizedMlp_MatchesIndependentReference()
    {
        var model = await Cluster.RegisterMlpOfSizeAsync("v2-sized", 512 * 1024);
        var x = InferRequests.SizedMlpInput(rows: 3);

        var response = await Cluster.V2.InferAsync(InferRequests.SizedMlp("v2-sized", x));

        var output = Assert.Single(response.Outputs);
        Assert.Equal([3L, 4L], output.Shape);
        var actual = InferRequests.Floats(response.RawOutputContents[0]);
        var expected = model.Reference(x);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4 + (1e-4 * Math.Abs(expected[i])), $"y[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }
}
