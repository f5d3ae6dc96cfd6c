using ModelMesh.Onnx;
using ModelMesh.Testing;

namespace ModelMesh.MeshTests;

/// <summary>
/// Silo membership through Orleans (docs/orleans.md, Failures): a crashed silo leaves the front door's board and its
/// models load elsewhere; a restarted silo is a new incarnation holding nothing.
/// </summary>
public sealed class MembershipTests : IAsyncLifetime
{
    private static readonly TimeSpan MembershipSettles = TimeSpan.FromSeconds(30);
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.StartAsync(silos: 3, siloCapacityBytes: 256L * 1024 * 1024);
        await _cluster.RegisterFileAsync("member", ModelFactory.WriteSample(_cluster.ModelsDirectory, SampleModels.Mlp, "member"));
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private async Task<string> LoadedOnAsync()
    {
        await _cluster.V2.InferAsync(InferRequests.SampleMlp("member"));
        await _cluster.WaitUntilStableAsync();
        return Assert.Single(_cluster.SilosHolding("member")).SiloId;
    }

    [Fact]
    public async Task KillSilo_HoldingAModel_LeavesTheBoardAndRequestsLoadElsewhere()
    {
        var victim = await LoadedOnAsync();

        await _cluster.KillSiloAsync(victim);
        var response = await _cluster.V2.InferAsync(InferRequests.SampleMlp("member"));

        Assert.Equal(3, InferRequests.Floats(response.RawOutputContents[0]).Length);
        Assert.DoesNotContain(victim, _cluster.SilosHolding("member").Select(s => s.SiloId));
        await Eventually.Until(() => _cluster.Board.Snapshot().All(s => s.Name != victim), MembershipSettles,
            $"the front door's board drops {victim} once membership declares it gone");
        await _cluster.WaitUntilStableAsync(MembershipSettles);
        Assert.Single(_cluster.SilosHolding("member"));
    }

    [Fact]
    public async Task RestartSilo_HoldingAModel_NewGenerationAndNoInheritedCopies()
    {
        var holder = await LoadedOnAsync();
        var oldGeneration = TestCluster.EpochOf(_cluster.Silo(holder));

        var restarted = await _cluster.RestartSiloAsync(holder);

        Assert.NotEqual(oldGeneration, TestCluster.EpochOf(restarted));
        Assert.Empty(restarted.Cache.Copies());
        await Eventually.Until(async () => !await _cluster.V2.ModelReadyAsync("member"), MembershipSettles, "the old incarnation's copy is not ready");
        await _cluster.V2.InferAsync(InferRequests.SampleMlp("member"));
        Assert.Equal(2, _cluster.Log.LoadsOf("member"));
        await _cluster.WaitUntilStableAsync(MembershipSettles);
    }
}
