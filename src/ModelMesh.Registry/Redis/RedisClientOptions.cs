namespace ModelMesh.Registry;

/// <summary>
/// Connection settings of <see cref="RedisMeshRegistry"/>'s StackExchange.Redis multiplexer (see
/// <see cref="RedisConnectionFactory"/>). Endpoint, credentials and db come from the redis:// URL (<see cref="RedisEndpoint"/>).
/// </summary>
public sealed class RedisClientOptions
{
    /// <summary>How long one connection attempt (TCP, TLS, AUTH, SELECT) may take (default 5 s).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a command may wait for its reply (default 5 s); then the registry operation fails with
    /// <see cref="RegistryUnavailableException"/>. Timeouts are checked on the multiplexer's 1 s heartbeat.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Base delay between reconnect attempts (default 100 ms); grows exponentially after each failure.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Cap of the reconnect delay (default 5 s).</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Accept any server certificate on rediss:// (default false; for tests and self-signed setups).</summary>
    public bool AllowUntrustedCertificates { get; set; }

    /// <summary>
    /// PEM file of the CA certificate(s) the server's certificate must chain to on rediss://, instead of the
    /// system's roots (default none). The URL parameter <c>cacert</c> overrides it.
    /// </summary>
    public string? TlsCaCertificateFile { get; set; }

    /// <summary>PEM file of the client certificate for mutual TLS (default none); the URL parameter <c>cert</c> overrides it.</summary>
    public string? TlsClientCertificateFile { get; set; }

    /// <summary>PEM file of the client certificate's private key (default: in the certificate file); the URL parameter <c>key</c> overrides it.</summary>
    public string? TlsClientKeyFile { get; set; }

    /// <summary>CLIENT SETNAME value (default: StackExchange.Redis' own, the machine name and library).</summary>
    public string? ClientName { get; set; }
}
