using ModelMesh.Registry.Resp;

namespace ModelMesh.Registry.Tests.Resp;

/// <summary>
/// TLS that cannot work fails with <see cref="RespConnectionException"/> (or, for a bad setting, at construction
/// with <see cref="ArgumentException"/>) and never hangs: every wait is bounded by <see cref="NoHang"/>.
/// </summary>
public sealed class RespTlsFailureTests(TlsCertificates certificates) : IClassFixture<TlsCertificates>
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(30);

    private static RespClientOptions Options(string? caFile = null) => new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(2),
        ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        TlsCaCertificateFile = caFile,
    };

    [Fact]
    public async Task PingAsync_ServerCaNotTrusted_FailsAtTheHandshake()
    {
        using var server = certificates.StartServer();
        await using var systemRoots = new RespClient(RespEndpoint.Parse(server.Url), Options());
        await using var otherCa = new RespClient(RespEndpoint.Parse(server.Url), Options(certificates.OtherCaFile));

        var untrusted = await Assert.ThrowsAsync<RespConnectionException>(() => systemRoots.PingAsync().WaitAsync(NoHang));
        var wrongCa = await Assert.ThrowsAsync<RespConnectionException>(() => otherCa.PingAsync().WaitAsync(NoHang));

        Assert.Contains("TLS handshake", untrusted.Message, StringComparison.Ordinal);
        Assert.Contains("cacert", untrusted.Message, StringComparison.Ordinal);
        Assert.Contains("TLS handshake", wrongCa.Message, StringComparison.Ordinal);
        Assert.False(systemRoots.IsConnected || otherCa.IsConnected);
    }

    [Fact]
    public async Task PingAsync_MutualTlsWithoutClientCertificate_Fails()
    {
        using var server = certificates.StartServer(authClients: true);
        await using var client = new RespClient(RespEndpoint.Parse(server.Url), Options(certificates.CaFile));

        var error = await Assert.ThrowsAsync<RespConnectionException>(() => client.PingAsync().WaitAsync(NoHang));

        Assert.Contains("certificate required", error.Message, StringComparison.Ordinal); // the server's TLS alert
    }

    [Fact]
    public async Task PingAsync_PlaintextClientToTlsPort_FailsWithConnectionException()
    {
        using var server = certificates.StartServer();
        await using var client = new RespClient(RespEndpoint.Parse($"redis://127.0.0.1:{server.Port}"), Options());

        var error = await Assert.ThrowsAsync<RespConnectionException>(() => client.PingAsync().WaitAsync(NoHang));

        Assert.Contains("rediss://", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PingAsync_TlsClientToPlaintextPort_FailsWithinConnectTimeout()
    {
        using var server = RedisServer.Start();
        await using var client = new RespClient(RespEndpoint.Parse($"rediss://127.0.0.1:{server.Port}"), Options(certificates.CaFile));

        var error = await Assert.ThrowsAsync<RespConnectionException>(() => client.PingAsync().WaitAsync(NoHang));

        Assert.Contains("within 2000 ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UnreadableOrMisplacedTlsFile_ThrowsArgumentException()
    {
        var missing = Path.Combine(certificates.Dir, "missing.pem");

        var unreadable = Assert.Throws<ArgumentException>(() => new RespClient(RespEndpoint.Parse($"rediss://127.0.0.1:1?cacert={Uri.EscapeDataString(missing)}")));
        Assert.Contains(missing, unreadable.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new RespClient(RespEndpoint.Parse("rediss://127.0.0.1:1"), new RespClientOptions { TlsCaCertificateFile = certificates.ClientKeyFile }));
        Assert.Throws<ArgumentException>(() => new RespClient(RespEndpoint.Parse("redis://127.0.0.1:1"), new RespClientOptions { TlsCaCertificateFile = certificates.CaFile }));
        Assert.Throws<ArgumentException>(() => new RespClient(RespEndpoint.Parse("rediss://127.0.0.1:1"), new RespClientOptions { TlsClientKeyFile = certificates.ClientKeyFile }));
    }
}
