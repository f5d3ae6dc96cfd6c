using ModelMesh.ClusterTests.Fixtures;
using Xunit.Abstractions;

namespace ModelMesh.ClusterTests;

/// <summary>kill -9 of a silo process while clients send requests to the models it holds.</summary>
public sealed class SiloKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Kill9_SiloHoldingModelsUnderLoad_EveryRequestSucceeds()
    {
        using var models = new TestModels();
        models.WriteSamples();
        await using var cluster = await ClusterProcesses.StartAsync(silos: 3, capacity: "512MiB");
        var ids = await SimpleCopies.RegisterAndWarmAsync(cluster, models, "k", 6);
        var (victimId, onVictim) = await SimpleCopies.BusiestSiloAsync(cluster, ids);
        Assert.NotEmpty(onVictim);
        output.WriteLine($"victim {victimId} holds {string.Join(",", onVictim)}");

        await using var load = LoadDriver.Start(cluster.Endpoint, onVictim, clients: 6);
        await load.WaitForSuccessesAsync(200, TimeSpan.FromSeconds(60));
        var beforeKill = load.Succeeded;
        cluster.Silo(victimId).Kill9();
        await load.WaitForSuccessesAsync(300, TimeSpan.FromSeconds(90));
        await load.StopAsync();

        output.WriteLine($"kill -9 {victimId} after {beforeKill} requests; in all {load.Summary()}");
        Assert.True(load.Failures.Count == 0, $"{load.Summary()}:\n{string.Join("\n", load.Failures.Take(20))}\n{cluster.Logs()}");

        // The dead silo's lease runs out and its models are served elsewhere.
        var status = await Eventually.MatchesAsync(
            () => cluster.Client.GetClusterStatusAsync(),
            s => s.Silos.All(silo => silo.Id != victimId) && onVictim.All(id => s.Silos.Any(silo => silo.Models.Contains(id))),
            TimeSpan.FromSeconds(30),
            s => $"{victimId} should be gone and its models loaded elsewhere: {SimpleCopies.Describe(s)}");
        output.WriteLine($"after: {SimpleCopies.Describe(status)}");
    }
}
