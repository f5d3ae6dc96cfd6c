using ModelMesh.Testing;

namespace ModelMesh.Kubernetes.Tests.Controller;

/// <summary>Two replicas against the API server DOUBLE's Lease: only the holder writes; when it stops, the other takes over.</summary>
public sealed class LeaderElectionTests(MeshFixture mesh) : IClassFixture<MeshFixture>
{
    [Fact]
    public async Task TwoReplicas_OnlyTheLeaderWritesAndTheOtherTakesOver()
    {
        await using var harness = await ControllerHarness.StartAsync(mesh, replicas: 0);
        var a = await harness.StartReplicaAsync("replica-a");
        await Eventually.Until(() => Holder(harness) == "replica-a", ControllerHarness.Wait, "replica-a holds the lease");
        var b = await harness.StartReplicaAsync("replica-b");

        harness.Api.Apply("predictors", ControllerHarness.Predictor("led", mesh.MlpPath));
        await harness.UntilPredictorAsync("led", "Loaded");
        Assert.NotEmpty(harness.Api.Writes);
        Assert.All(harness.Api.Writes, w => Assert.Equal("replica-a", w.Token));

        await harness.StopReplicaAsync(a);
        await Eventually.Until(() => Holder(harness) == "replica-b", ControllerHarness.Wait, "replica-b takes the lease");
        var before = harness.Api.Writes.Count;
        harness.Api.Apply("predictors", ControllerHarness.Predictor("led-later", mesh.MlpCopyPath));

        await harness.UntilPredictorAsync("led-later", "Loaded");
        Assert.All(harness.Api.Writes.Skip(before), w => Assert.Equal("replica-b", w.Token));
        Assert.NotNull(b);
    }

    private static string? Holder(ControllerHarness harness) => harness.Api.Lease("modelmesh-controller")?["spec"]?["holderIdentity"]?.GetValue<string>();
}
