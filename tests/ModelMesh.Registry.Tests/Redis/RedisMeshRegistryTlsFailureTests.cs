using ModelMesh.Registry.Tests.Infrastructure;

namespace ModelMesh.Registry.Tests.Redis;

/// <summary>
/// TLS that cannot work fails with <see cref="RegistryUnavailableException"/> (an untrusted server certificate with a
/// <see cref="RedisCertificateException"/> inside that names the fix; a bad setting at construction with
/// <see cref="ArgumentException"/>) and never hangs: every wait is bounded by <see cref="NoHang"/>.
/// </summary>
public sealed class RedisMeshRegistryTlsFailureTests(TlsCertificates certificates) : IClassFixture<TlsCertificates>
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(30);

    private static Action<RedisRegistryOptions> Options(string? caFile = null) => o =>
    {
        o.Client.ConnectTimeout = TimeSpan.FromSeconds(2);
        o.Client.ReconnectMinDelay = TimeSpan.FromMilliseconds(20);
        o.Client.ReconnectMaxDelay = TimeSpan.FromMilliseconds(200);
        o.Client.TlsCaCertificateFile = caFile;
    };

    [Fact]
    public async Task PingAsync_ServerCaNotTrusted_CertificateErrorNamingTheFix()
    {
        using var server = certificates.StartServer();
        await using var systemRoots = RegistryFactory.Create(server.Url, configureRedis: Options());
        await using var otherCa = RegistryFactory.Create(server.Url, configureRedis: Options(certificates.OtherCaFile));

        var untrusted = await Assert.ThrowsAsync<RegistryUnavailableException>(() => systemRoots.PingAsync().WaitAsync(NoHang));
        var wrongCa = await Assert.ThrowsAsync<RegistryUnavailableException>(() => otherCa.PingAsync().WaitAsync(NoHang));

        var untrustedCause = Assert.IsType<RedisCertificateException>(untrusted.InnerException);
        Assert.Contains("cacert=", untrustedCause.Message, StringComparison.Ordinal);
        Assert.Contains("cacert=", untrusted.Message, StringComparison.Ordinal);
        var wrongCaCause = Assert.IsType<RedisCertificateException>(wrongCa.InnerException);
        Assert.Contains(certificates.OtherCaFile, wrongCaCause.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PingAsync_MutualTlsWithoutClientCertificate_Unavailable()
    {
        using var server = certificates.StartServer(authClients: true);
        await using var registry = RegistryFactory.Create(server.Url, configureRedis: Options(certificates.CaFile));

        await Assert.ThrowsAsync<RegistryUnavailableException>(() => registry.PingAsync().WaitAsync(NoHang));
    }

    [Fact]
    public async Task PingAsync_PlaintextClientToTlsPort_Unavailable()
    {
        using var server = certificates.StartServer();
        await using var registry = RegistryFactory.Create($"redis://127.0.0.1:{server.Port}", configureRedis: Options());

        await Assert.ThrowsAsync<RegistryUnavailableException>(() => registry.PingAsync().WaitAsync(NoHang));
    }

    [Fact]
    public async Task PingAsync_TlsClientToPlaintextPort_UnavailableWithinConnectTimeout()
    {
        using var server = RedisServer.Start();
        await using var registry = RegistryFactory.Create($"rediss://127.0.0.1:{server.Port}", configureRedis: Options(certificates.CaFile));
        var started = DateTime.UtcNow;

        await Assert.ThrowsAsync<RegistryUnavailableException>(() => registry.PingAsync().WaitAsync(NoHang));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(6), $"took {DateTime.UtcNow - started}");
    }

    [Fact]
    public void Create_UnreadableOrMisplacedTlsFile_ThrowsArgumentException()
    {
        var missing = Path.Combine(certificates.Dir, "missing.pem");

        var unreadable = Assert.Throws<ArgumentException>(() => RegistryFactory.Create($"rediss://127.0.0.1:1?cacert={Uri.EscapeDataString(missing)}"));
        Assert.Contains(missing, unreadable.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RegistryFactory.Create("rediss://127.0.0.1:1", configureRedis: o => o.Client.TlsCaCertificateFile = certificates.ClientKeyFile));
        Assert.Throws<ArgumentException>(() => RegistryFactory.Create("redis://127.0.0.1:1", configureRedis: o => o.Client.TlsCaCertificateFile = certificates.CaFile));
        Assert.Throws<ArgumentException>(() => RegistryFactory.Create("rediss://127.0.0.1:1", configureRedis: o => o.Client.TlsClientKeyFile = certificates.ClientKeyFile));
        Assert.Throws<ArgumentException>(() => RegistryFactory.Create("rediss://127.0.0.1:1?verify=no"));
    }
}
