using ModelMesh.ClusterTests.Fixtures;
using Xunit.Abstractions;

namespace ModelMesh.ClusterTests;

/// <summary>redis-server crashes (SIGKILL) and comes back from its AOF while clients keep sending requests.</summary>
public sealed class RedisRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RestartRedis_UnderLoad_RequestsSucceedRegistrationsSurviveAndClusterConverges()
    {
        using var models = new TestModels();
        models.WriteSamples();

        // Leases (3 s) shorter than the outage (6 s): every silo's lease expires, so each must notice and re-register.
        await using var cluster = await ClusterProcesses.StartAsync(silos: 3, capacity: "512MiB");
        var ids = await SimpleCopies.RegisterAndWarmAsync(cluster, models, "r", 4);
        await using var load = LoadDriver.Start(cluster.Endpoint, ids, clients: 4);
        await load.WaitForSuccessesAsync(100, TimeSpan.FromSeconds(60));

        cluster.Redis.Kill();
        var atKill = load.Succeeded;
        await Task.Delay(TimeSpan.FromSeconds(6));
        var duringOutage = load.Succeeded - atKill;
        cluster.Redis.Restart();
        output.WriteLine($"{duringOutage} requests succeeded while redis-server was down (6 s)");

        var converged = await Eventually.MatchesAsync(
            () => cluster.Client.GetClusterStatusAsync(),
            s => !s.Degraded && s.Silos.Count(silo => silo.State != "frontdoor") == 3 && s.Silos.Where(silo => silo.State != "frontdoor").All(silo => silo.State == "active"),
            TimeSpan.FromSeconds(60),
            s => $"all three silos should be back in the registry: {SimpleCopies.Describe(s)}\n{cluster.Logs()}");
        output.WriteLine($"converged: {SimpleCopies.Describe(converged)}");
        var cluster_ = await ModelMeshCli.ClusterAsync(cluster.Endpoint);
        Assert.Equal(["silo-1", "silo-2", "silo-3"], cluster_.Silos.Keys.Order(StringComparer.Ordinal));

        await load.WaitForSuccessesAsync(100, TimeSpan.FromSeconds(60));
        await load.StopAsync();
        output.WriteLine($"load: {load.Summary()}");
        Assert.True(duringOutage > 0, $"no request succeeded during the outage\n{cluster.Logs()}");
        Assert.True(load.Failures.Count == 0, $"{load.Summary()}:\n{string.Join("\n", load.Failures.Take(20))}\n{cluster.Logs()}");

        var listed = await cluster.Client.ListModelsAsync();
        Assert.Subset(listed.Models.Select(m => m.ModelId).ToHashSet(), ids.ToHashSet());

        await cluster.Client.RegisterModelAsync("after-restart", "file://" + models.SamplePath("simple"));
        var response = await cluster.Client.InferAsync(TestModels.SimpleRequest("after-restart", 42), TimeSpan.FromSeconds(60));
        Assert.Null(TestModels.CheckSimple(response, 42));
    }
}
