using ModelMesh.Registry.Tests.Infrastructure;

namespace ModelMesh.Registry.Tests.Contract;

/// <summary>The contract against the embedded registry, with a fake clock: leases expire without sleeping.</summary>
public sealed class InMemoryMeshRegistryContractTests : MeshRegistryContractTests
{
    private readonly ManualTimeProvider _clock = new();

    protected override TimeSpan ShortLease => TimeSpan.FromSeconds(10);

    protected override DateTimeOffset Now => _clock.GetUtcNow();

    protected override Task<IMeshRegistry> CreateRegistryAsync(int maxEvents = 10_000) =>
        Task.FromResult<IMeshRegistry>(new InMemoryMeshRegistry(_clock, new InMemoryRegistryOptions { MaxEvents = maxEvents }));

    protected override void PassTime(TimeSpan ttl) => _clock.Advance(ttl + TimeSpan.FromMilliseconds(1));
}
