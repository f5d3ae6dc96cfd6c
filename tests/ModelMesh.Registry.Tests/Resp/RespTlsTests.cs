using ModelMesh.Registry.Resp;

namespace ModelMesh.Registry.Tests.Resp;

/// <summary>The client over TLS against a redis-server that speaks only TLS, with certificates made for the test.</summary>
public sealed class RespTlsTests(TlsCertificates certificates) : IClassFixture<TlsCertificates>
{
    [Fact]
    public async Task ExecuteAsync_RedissUrlTrustingTheCa_PingSetGet()
    {
        using var server = certificates.StartServer();
        await using var client = new RespClient(RespEndpoint.Parse($"{server.Url}?cacert={Uri.EscapeDataString(certificates.CaFile)}"));

        await client.PingAsync();
        await client.ExecuteAsync("SET", "k", "over tls");

        Assert.Equal("over tls", (await client.ExecuteAsync("GET", "k")).AsString());
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task ExecuteAsync_CaFileInOptions_PingSetGet()
    {
        using var server = certificates.StartServer();
        await using var client = new RespClient(RespEndpoint.Parse(server.Url), new RespClientOptions { TlsCaCertificateFile = certificates.CaFile });

        await client.ExecuteAsync("SET", "k", "v");

        Assert.Equal("v", (await client.ExecuteAsync("GET", "k")).AsString());
    }

    [Fact]
    public async Task PingAsync_PasswordOverTls_AuthenticatesOrRefusesWithServerReason()
    {
        using var server = certificates.StartServer(false, "--requirepass", "s3cret");
        var ca = "?cacert=" + Uri.EscapeDataString(certificates.CaFile);
        await using var right = new RespClient(RespEndpoint.Parse($"rediss://default:s3cret@127.0.0.1:{server.Port}/2{ca}"));
        await using var wrong = new RespClient(RespEndpoint.Parse($"rediss://:nope@127.0.0.1:{server.Port}{ca}"));
        await using var none = new RespClient(RespEndpoint.Parse($"rediss://127.0.0.1:{server.Port}{ca}"));

        await right.ExecuteAsync("SET", "k", "in-db-2");
        Assert.Equal("in-db-2", (await right.ExecuteAsync("GET", "k")).AsString());
        var refused = await Assert.ThrowsAsync<RespConnectionException>(() => wrong.PingAsync());
        Assert.Contains("WRONGPASS", refused.Message, StringComparison.Ordinal);
        Assert.Equal("NOAUTH", (await Assert.ThrowsAsync<RespErrorException>(() => none.PingAsync())).Prefix);
    }

    [Fact]
    public async Task PingAsync_MutualTlsWithClientCertificate_Connects()
    {
        using var server = certificates.StartServer(authClients: true);
        var query = $"?cacert={Uri.EscapeDataString(certificates.CaFile)}&cert={Uri.EscapeDataString(certificates.ClientCertFile)}&key={Uri.EscapeDataString(certificates.ClientKeyFile)}";
        await using var byUrl = new RespClient(RespEndpoint.Parse(server.Url + query));
        await using var byOptions = new RespClient(
            RespEndpoint.Parse(server.Url),
            new RespClientOptions { TlsCaCertificateFile = certificates.CaFile, TlsClientCertificateFile = certificates.ClientCertAndKeyFile });

        await byUrl.ExecuteAsync("SET", "k", "mtls");

        Assert.Equal("mtls", (await byOptions.ExecuteAsync("GET", "k")).AsString());
    }

    [Fact]
    public async Task PingAsync_AllowUntrustedCertificates_ConnectsWithoutTheCa()
    {
        using var server = certificates.StartServer();
        await using var client = new RespClient(RespEndpoint.Parse(server.Url), new RespClientOptions { AllowUntrustedCertificates = true });

        await client.PingAsync();

        Assert.True(client.IsConnected);
    }
}
