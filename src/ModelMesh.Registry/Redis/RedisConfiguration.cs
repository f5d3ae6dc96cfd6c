using StackExchange.Redis;

namespace ModelMesh.Registry;

/// <summary>
/// The StackExchange.Redis settings for a registry URL, for other Redis users of the same server (Orleans' Redis
/// membership table): the same endpoint, credentials, database and TLS as <see cref="RedisMeshRegistry"/>, and the same
/// failure behaviour (fail fast while disconnected, reconnect in the background).
/// </summary>
public static class RedisConfiguration
{
    /// <exception cref="ArgumentException">A bad URL, or a TLS file that cannot be read (see <see cref="RedisEndpoint.Parse"/>).</exception>
    public static ConfigurationOptions For(string url, RedisClientOptions? client = null)
    {
        var endpoint = RedisEndpoint.Parse(url);
        client ??= new RedisClientOptions();
        return RedisConnectionFactory.Create(endpoint, client, RedisTls.Create(endpoint, client));
    }

    /// <summary>True for a redis:// or rediss:// URL (a cluster); false for "memory" (one process).</summary>
    public static bool IsRedis(string spec) =>
        spec.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || spec.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase);
}
