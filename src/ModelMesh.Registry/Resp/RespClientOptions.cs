namespace ModelMesh.Registry.Resp;

/// <summary>Settings of <see cref="RespClient"/>. Endpoint, credentials and db usually come from a redis:// URL (<see cref="RespEndpoint"/>).</summary>
public sealed class RespClientOptions
{
    /// <summary>How long one connection attempt (TCP, TLS, AUTH, SELECT) may take (default 5 s).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a command may wait for its reply (default 5 s); then it fails with <see cref="RespTimeoutException"/>.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First delay between reconnect attempts (default 100 ms); doubled after each failure.</summary>
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

    /// <summary>CLIENT SETNAME value (default none).</summary>
    public string? ClientName { get; set; }
}
