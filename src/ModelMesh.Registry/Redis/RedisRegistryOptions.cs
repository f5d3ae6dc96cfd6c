namespace ModelMesh.Registry;

/// <summary>Options of <see cref="RedisMeshRegistry"/> (config section <c>ModelMesh:Registry</c>).</summary>
public sealed class RedisRegistryOptions
{
    /// <summary>
    /// The Redis URL: <c>redis://[user:password@]host:port[/db]</c> or <c>rediss://</c> for TLS, whose query may name the
    /// PEM files <c>cacert</c>, <c>cert</c> and <c>key</c> (or see <see cref="RedisClientOptions"/>). Default: redis://localhost:6379.
    /// </summary>
    public string Connection { get; set; } = "redis://localhost:6379";

    /// <summary>Prefix of every key (default <c>mm:</c>), so several meshes can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "mm:";

    /// <summary>Approximate length of the change stream (XADD MAXLEN ~; default 10,000).</summary>
    public int MaxEvents { get; set; } = 10_000;

    /// <summary>
    /// How long an idle watcher waits for a change hint (pub/sub, at most once) before reading the stream anyway
    /// (default 5 s): the bound on how late an event whose hint was lost is seen.
    /// </summary>
    public TimeSpan WatchPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Connection settings (timeouts, backoff, TLS files); the endpoint, credentials and db come from <see cref="Connection"/>.</summary>
    public RedisClientOptions Client { get; set; } = new();
}
