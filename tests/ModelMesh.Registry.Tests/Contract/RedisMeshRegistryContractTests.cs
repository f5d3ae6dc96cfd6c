using ModelMesh.Registry.Tests.Infrastructure;

namespace ModelMesh.Registry.Tests.Contract;

/// <summary>The contract against a real redis-server; each test gets its own key prefix.</summary>
public sealed class RedisMeshRegistryContractTests(RedisServerFixture redis) : MeshRegistryContractTests, IClassFixture<RedisServerFixture>
{
    protected override Task<IMeshRegistry> CreateRegistryAsync(int maxEvents = 10_000) =>
        Task.FromResult<IMeshRegistry>(new RedisMeshRegistry(new RedisRegistryOptions
        {
            Connection = redis.Url,
            KeyPrefix = $"t{Guid.NewGuid():N}:",
            MaxEvents = maxEvents,
            WatchPollInterval = TimeSpan.FromSeconds(2),
        }));
}
