using ModelMesh.ClusterTests.Fixtures;
using Xunit.Abstractions;

namespace ModelMesh.ClusterTests;

/// <summary>
/// The issue's outage scenario, as a new user tried it: a kill -9 and a drain leave one silo, then redis-server is
/// down for 20 s under load. Loaded models keep answering and a registered cold model still loads on the remaining
/// silo while Redis is down (membership and registrations are served from each member's last view); the cluster
/// converges when Redis returns.
/// </summary>
public sealed class RedisOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RedisDown20s_AfterKillAndDrainLeftOneSilo_LoadedModelsAnswerAndAColdModelLoads()
    {
        using var models = new TestModels();
        models.WriteSamples();
        await using var cluster = await ClusterProcesses.StartAsync(silos: 3, capacity: "512MiB");
        var ids = await SimpleCopies.RegisterAndWarmAsync(cluster, models, "o", 4);
        await cluster.Client.RegisterModelAsync("cold", "file://" + models.SamplePath("simple"));
        await using var load = LoadDriver.Start(cluster.Endpoint, ids, clients: 4);
        await load.WaitForSuccessesAsync(100, TimeSpan.FromSeconds(60));

        cluster.Silo("silo-1").Kill9();
        await load.WaitForSuccessesAsync(100, TimeSpan.FromSeconds(60));
        Assert.Equal(0, await cluster.Silo("silo-2").TerminateAsync(TimeSpan.FromSeconds(60)));
        await load.WaitForSuccessesAsync(100, TimeSpan.FromSeconds(60));
        var oneLeft = await Eventually.MatchesAsync(
            () => cluster.Client.GetClusterStatusAsync(),
            s => s.Silos.Where(silo => silo.State != "frontdoor").Select(silo => silo.Id).SequenceEqual(["silo-3"]),
            TimeSpan.FromSeconds(60),
            s => $"only silo-3 should be left: {SimpleCopies.Describe(s)}");
        output.WriteLine($"before the outage: {SimpleCopies.Describe(oneLeft)}");

        cluster.Redis.Kill();
        var atKill = load.Succeeded;
        await Task.Delay(TimeSpan.FromSeconds(10));
        var cold = await cluster.Client.InferAsync(TestModels.SimpleRequest("cold", 7), TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(10));
        var duringOutage = load.Succeeded - atKill;
        var failuresDuringOutage = load.Failures.Count;
        cluster.Redis.Restart();
        output.WriteLine($"{duringOutage} requests succeeded while redis-server was down (20 s), {failuresDuringOutage} failures so far");

        Assert.Null(TestModels.CheckSimple(cold, 7));
        Assert.True(duringOutage > 0, $"no request succeeded during the outage\n{cluster.Logs()}");
        await load.WaitForSuccessesAsync(100, TimeSpan.FromSeconds(60));
        await load.StopAsync();
        output.WriteLine($"load: {load.Summary()}");
        Assert.True(load.Failures.Count == 0, $"{load.Summary()}:\n{string.Join("\n", load.Failures.Take(20))}\n{cluster.Logs()}");
        var converged = await Eventually.MatchesAsync(
            () => cluster.Client.GetClusterStatusAsync(),
            s => !s.Degraded && s.Silos.Any(silo => silo.Id == "silo-3" && silo.State == "active"),
            TimeSpan.FromSeconds(60),
            s => $"the front door should see silo-3 with Redis back: {SimpleCopies.Describe(s)}");
        output.WriteLine($"after: {SimpleCopies.Describe(converged)}");
    }
}
