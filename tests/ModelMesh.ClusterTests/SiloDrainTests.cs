using ModelMesh.ClusterTests.Fixtures;
using Xunit.Abstractions;

namespace ModelMesh.ClusterTests;

/// <summary>SIGTERM makes a silo drain: hand its recently used models off, finish in-flight requests, leave.</summary>
public sealed class SiloDrainTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sigterm_SiloUnderLoad_NoFailedRequestsExitsZeroAndModelsServedElsewhere()
    {
        using var models = new TestModels();
        models.WriteSamples();
        await using var cluster = await ClusterProcesses.StartAsync(silos: 3, capacity: "512MiB");
        var ids = await SimpleCopies.RegisterAndWarmAsync(cluster, models, "d", 6);
        var (victimId, onVictim) = await SimpleCopies.BusiestSiloAsync(cluster, ids);
        Assert.NotEmpty(onVictim);
        output.WriteLine($"draining {victimId}, which holds {string.Join(",", onVictim)}");

        await using var load = LoadDriver.Start(cluster.Endpoint, onVictim, clients: 6);
        await load.WaitForSuccessesAsync(200, TimeSpan.FromSeconds(60));
        var victim = cluster.Silo(victimId);
        var exitCode = await victim.TerminateAsync(TimeSpan.FromSeconds(90));
        await load.WaitForSuccessesAsync(200, TimeSpan.FromSeconds(60));
        await load.StopAsync();

        output.WriteLine($"{victimId} exited with {exitCode}; load: {load.Summary()}");
        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{victim.Output}");
        Assert.True(load.Failures.Count == 0, $"{load.Summary()}:\n{string.Join("\n", load.Failures.Take(20))}\n{cluster.Logs()}");
        var status = await Eventually.MatchesAsync(
            () => cluster.Client.GetClusterStatusAsync(),
            s => s.Silos.All(silo => silo.Id != victimId) && onVictim.All(id => s.Silos.Any(silo => silo.Models.Contains(id))),
            TimeSpan.FromSeconds(20),
            s => $"{victimId} should be gone and its models loaded elsewhere: {SimpleCopies.Describe(s)}");
        output.WriteLine($"after: {SimpleCopies.Describe(status)}");
    }
}
