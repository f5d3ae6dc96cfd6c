using ModelMesh.Registry.Tests.Infrastructure;

namespace ModelMesh.Registry.Tests.Contract;

/// <summary>The contract against the embedded registry, on a clock that stands still.</summary>
public sealed class InMemoryMeshRegistryContractTests : MeshRegistryContractTests
{
    private readonly ManualTimeProvider _clock = new();

    protected override Task<IMeshRegistry> CreateRegistryAsync(int maxEvents = 10_000) =>
        Task.FromResult<IMeshRegistry>(new InMemoryMeshRegistry(_clock, new InMemoryRegistryOptions { MaxEvents = maxEvents }));
}
