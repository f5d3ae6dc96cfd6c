using ModelMesh.Onnx;
using ModelMesh.Registry;
using ModelMesh.Testing;

namespace ModelMesh.MeshTests;

/// <summary>Silo membership through leases (invariants 2 and 3): crashes, lost leases, restarts.</summary>
public sealed class MembershipTests : IAsyncLifetime
{
    private static readonly TimeSpan LeaseSettles = TestCluster.DefaultLease * 5;
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
    public async Task KillSilo_HoldingAModel_CopiesLeaveRoutingAndRequestsLoadElsewhere()
    {
        var victim = await LoadedOnAsync();

        await _cluster.KillSiloAsync(victim);
        var response = await _cluster.V2.InferAsync(InferRequests.SampleMlp("member"));

        Assert.Equal(3, InferRequests.Floats(response.RawOutputContents[0]).Length);
        Assert.DoesNotContain(victim, _cluster.SilosHolding("member").Select(s => s.SiloId));
        await Eventually.Until(() => !_cluster.RoutingTable.Silos.ContainsKey(victim), LeaseSettles, $"the front door drops {victim} once its lease expires");
        await _cluster.WaitUntilStableAsync();
        Assert.DoesNotContain(await _cluster.Registry.GetCopiesAsync("member"), c => c.SiloId == victim);
        Assert.Single(_cluster.SilosHolding("member"));
    }

    [Fact]
    public async Task RemoveSiloFromRegistry_LiveSilo_ReRegistersAndRepublishesItsCopies()
    {
        var holder = await LoadedOnAsync();
        var silo = _cluster.Silo(holder);
        var epoch = TestCluster.EpochOf(silo);

        await _cluster.Registry.RemoveSiloAsync(holder, epoch); // a Redis flush, as the silo sees it
        Assert.DoesNotContain(await _cluster.Registry.GetCopiesAsync("member"), c => c.SiloId == holder);

        await Eventually.Until(async () => (await _cluster.Registry.ListSilosAsync()).Any(s => s.SiloId == holder && s.Epoch == epoch),
            LeaseSettles, "the silo wrote its lease again");
        await Eventually.Until(async () => (await _cluster.Registry.GetCopiesAsync("member")).Any(c => c.SiloId == holder && c.Epoch == epoch && c.State == CopyState.Loaded),
            LeaseSettles, "the silo republished its copy");
        await _cluster.WaitUntilStableAsync();
        await _cluster.V2.InferAsync(InferRequests.SampleMlp("member"));
        Assert.True(_cluster.Log.LoadsOf("member") == 1, _cluster.Log.Dump());
    }

    [Fact]
    public async Task RestartSilo_HoldingAModel_NewEpochAndNoInheritedCopies()
    {
        var holder = await LoadedOnAsync();
        var oldEpoch = TestCluster.EpochOf(_cluster.Silo(holder));

        var restarted = await _cluster.RestartSiloAsync(holder);

        Assert.NotEqual(oldEpoch, TestCluster.EpochOf(restarted));
        Assert.Empty(restarted.Cache.Copies());
        await Eventually.Until(async () => (await _cluster.Registry.ListSilosAsync()).Any(s => s.SiloId == holder && s.Epoch == TestCluster.EpochOf(restarted)),
            LeaseSettles, "the restarted silo holds the lease");
        await Eventually.Until(async () => !await _cluster.V2.ModelReadyAsync("member"), LeaseSettles, "the old incarnation's copy is not routable");
        Assert.DoesNotContain(_cluster.RoutingTable.Route("member").Copies, c => c.State == CopyState.Loaded && _cluster.RoutingTable.LiveSilo(c) is not null);
        await _cluster.V2.InferAsync(InferRequests.SampleMlp("member"));
        Assert.Equal(2, _cluster.Log.LoadsOf("member"));
    }

    [Fact]
    public async Task RestartSilo_HoldingAModel_OldEpochCopyRecordsAreRemoved()
    {
        var holder = await LoadedOnAsync();

        await _cluster.RestartSiloAsync(holder);

        // Invariant 2/3: records of an older epoch are garbage-collected (by the silo on re-registration or a front door).
        await _cluster.WaitUntilStableAsync(LeaseSettles);
    }
}
