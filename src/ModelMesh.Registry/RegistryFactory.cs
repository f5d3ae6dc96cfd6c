using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ModelMesh.Registry;

/// <summary>Builds a registry from a spec string: "memory", or a "redis://" / "rediss://" URL.</summary>
public static class RegistryFactory
{
    /// <param name="spec">
    /// "memory" (embedded), or <c>redis://[user:password@]host:port[/db]</c> / <c>rediss://...</c> (TLS; the query takes
    /// <c>cacert</c>, <c>cert</c> and <c>key</c> PEM files, see <see cref="RedisEndpoint.Parse"/>).
    /// </param>
    /// <param name="timeProvider">Clock for registration times and the watch's poll interval (default: the system clock).</param>
    /// <param name="loggerFactory">Logging (default: none).</param>
    /// <param name="configureRedis">Adjusts the Redis options parsed from the URL (prefix, timeouts...).</param>
    /// <exception cref="ArgumentException">An unknown spec, a bad URL, or a TLS file that cannot be read.</exception>
    public static IMeshRegistry Create(
        string spec,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        Action<RedisRegistryOptions>? configureRedis = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        if (string.Equals(spec.Trim(), "memory", StringComparison.OrdinalIgnoreCase))
        {
            return new InMemoryMeshRegistry(timeProvider);
        }

        if (spec.StartsWith("redis://", StringComparison.OrdinalIgnoreCase)
            || spec.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
        {
            var options = new RedisRegistryOptions { Connection = spec.Trim() };
            configureRedis?.Invoke(options);
            return new RedisMeshRegistry(options, timeProvider, loggerFactory ?? NullLoggerFactory.Instance);
        }

        throw new ArgumentException($"unknown registry spec '{spec}': use 'memory' or a redis:// or rediss:// URL", nameof(spec));
    }
}
