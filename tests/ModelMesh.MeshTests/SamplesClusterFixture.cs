using ModelMesh.Testing;

namespace ModelMesh.MeshTests;

/// <summary>A two-silo cluster (256 MiB each) with the sample models registered, shared by one test class.</summary>
public sealed class SamplesClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await TestCluster.StartAsync(silos: 2, siloCapacityBytes: 256L * 1024 * 1024);
        await Cluster.RegisterSamplesAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
