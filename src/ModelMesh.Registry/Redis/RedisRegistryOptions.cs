using ModelMesh.Registry.Resp;

namespace ModelMesh.Registry;

/// <summary>Options of <see cref="RedisMeshRegistry"/> (config section <c>ModelMesh:Registry</c>).</summary>
public sealed class RedisRegistryOptions
{
    /// <summary>
    /// The Redis URL: <c>redis://[user:password@]host:port[/db]</c> or <c>rediss://</c> for TLS, whose query may name the
    /// PEM files <c>cacert</c>, <c>cert</c> and <c>key</c> (or see <see cref="RespClientOptions"/>). Default: redis://localhost:6379.
    /// </summary>
    public string Connection { get; set; } = "redis://localhost:6379";

    /// <summary>Prefix of every key (default <c>mm:</c>), so several meshes can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "mm:";

    /// <summary>Approximate length of the change stream (XADD MAXLEN ~; default 10,000).</summary>
    public int MaxEvents { get; set; } = 10_000;

    /// <summary>How long one XREAD BLOCK of a watcher waits before polling again (default 5 s).</summary>
    public TimeSpan WatchBlockTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Client settings (timeouts, backoff); the endpoint, credentials and db come from <see cref="Connection"/>.</summary>
    public RespClientOptions Client { get; set; } = new();
}
