using ModelMesh.ClusterTests.Fixtures;
using ModelMesh.Onnx;
using Xunit.Abstractions;

namespace ModelMesh.ClusterTests;

/// <summary>A cluster of separate processes (redis-server, a front door, three silos) serving the sample models.</summary>
public sealed class ClusterServingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RegisterAndInfer_SampleModelsOnThreeSiloProcesses_CorrectOutputsAndClusterShowsWhereEachLives()
    {
        using var models = new TestModels();
        models.WriteSamples();

        // Placement packs densely (best fit), so the small sample models share a silo. Two 34 MB "big" models
        // on 64 MiB silos can never share one (a copy takes at least its file size), so placement must spread.
        await using var cluster = await ClusterProcesses.StartAsync(silos: 3, capacity: "64MiB");
        foreach (var name in SampleModels.Names)
        {
            await ModelMeshCli.RegisterAsync(cluster.Endpoint, name, models.SamplePath(name));
        }

        string[] big = ["big-1", "big-2"];
        for (var i = 0; i < big.Length; i++)
        {
            await ModelMeshCli.RegisterAsync(cluster.Endpoint, big[i], models.WriteLookupModel(i + 1, 34_000_000));
        }

        foreach (var name in SampleModels.Names)
        {
            var request = name is SampleModels.Datatypes or SampleModels.Halfs
                ? SampleRequests.ForIdentities(name, await cluster.Client.ModelMetadataAsync(name))
                : SampleRequests.For(name);
            var response = await cluster.Client.InferAsync(request, TimeSpan.FromSeconds(60));
            Assert.True(SampleRequests.Check(name, request, response) is null, $"{name}: {SampleRequests.Check(name, request, response)}\n{cluster.Logs()}");
        }

        for (var i = 0; i < big.Length; i++)
        {
            var response = await cluster.Client.InferAsync(TestModels.LookupRequest(big[i], 4321), TimeSpan.FromSeconds(60));
            Assert.Equal(TestModels.LookupValue(i + 1, 4321), TestModels.LookupAnswer(response));
        }

        var view = await Eventually.MatchesAsync(
            () => ModelMeshCli.ClusterAsync(cluster.Endpoint),
            v => SampleModels.Names.Concat(big).All(v.Locations().ContainsKey),
            TimeSpan.FromSeconds(20),
            v => $"every model should be listed on a silo: {v}\n{cluster.Logs()}");
        output.WriteLine($"cluster: {view}");
        Assert.Equal(["silo-1", "silo-2", "silo-3"], view.Silos.Keys.Order(StringComparer.Ordinal));
        Assert.All(view.Silos.Values, s => Assert.Equal("active", s.State));
        Assert.All(view.Silos.Values, s => Assert.True(s.UsedBytes <= s.CapacityBytes, $"{s.Id} is over capacity: {view}"));
        var locations = view.Locations();
        foreach (var (model, silos) in locations.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {model,-10} on {string.Join(", ", silos)}");
        }

        Assert.Empty(locations["big-1"].Intersect(locations["big-2"]));
        Assert.True(locations.Values.SelectMany(s => s).Distinct().Count() >= 2, $"models should be spread over more than one silo: {view}");
    }
}
