using ModelMesh.Registry.Tests.Infrastructure;

namespace ModelMesh.Registry.Tests.Contract;

/// <summary>The contract against a real redis-server; each test gets its own key prefix. Leases expire in real time.</summary>
public sealed class RedisMeshRegistryContractTests(RedisServerFixture redis) : MeshRegistryContractTests, IClassFixture<RedisServerFixture>
{
    protected override TimeSpan ShortLease => TimeSpan.FromMilliseconds(300);

    protected override DateTimeOffset Now => DateTimeOffset.UtcNow;

    protected override Task<IMeshRegistry> CreateRegistryAsync(int maxEvents = 10_000) =>
        Task.FromResult<IMeshRegistry>(new RedisMeshRegistry(new RedisRegistryOptions
        {
            Connection = redis.Url,
            KeyPrefix = $"t{Guid.NewGuid():N}:",
            MaxEvents = maxEvents,
            WatchPollInterval = TimeSpan.FromSeconds(2),
        }));

    protected override void PassTime(TimeSpan ttl)
    {
    }
}
