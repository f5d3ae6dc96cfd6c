using ModelMesh.Registry.Tests.Infrastructure;
using static ModelMesh.Registry.Tests.Contract.RegistryRecords;

namespace ModelMesh.Registry.Tests.Redis;

/// <summary>
/// The Redis registry over TLS against a redis-server that speaks only TLS, with certificates made for the test:
/// built by <see cref="RegistryFactory"/> from a rediss:// URL as the CLI's --registry builds it, or with the files in
/// <see cref="RedisClientOptions"/>; AUTH and SELECT over TLS; mutual TLS.
/// </summary>
public sealed class RedisMeshRegistryTlsTests(TlsCertificates certificates) : IClassFixture<TlsCertificates>
{
    [Fact]
    public async Task Create_RedissUrlWithCaAndPassword_RoundTripsAndWatches()
    {
        using var server = certificates.StartServer(false, "--requirepass", "s3cret");
        await using var registry = RegistryFactory.Create($"rediss://:s3cret@127.0.0.1:{server.Port}?cacert={Uri.EscapeDataString(certificates.CaFile)}");
        await registry.PingAsync();
        var position = (await registry.GetSnapshotAsync()).StreamPosition;

        Assert.Equal(RegisterOutcome.Created, (await registry.RegisterModelAsync(Model("m1"))).Outcome);
        Assert.Equal("file:///models/m.onnx", (await registry.GetModelAsync("m1"))?.StorageUri);
        var events = await Eventually.TakeAsync(ct => registry.WatchAsync(position, ct), 1, TimeSpan.FromSeconds(20));

        Assert.Equal((RegistryEventKind.ModelRegistered, "m1"), (events[0].Kind, events[0].Key));
    }

    [Fact]
    public async Task Create_CaFileInOptions_RoundTrips()
    {
        using var server = certificates.StartServer();
        await using var registry = RegistryFactory.Create(server.Url, configureRedis: o => o.Client.TlsCaCertificateFile = certificates.CaFile);

        await registry.RegisterModelAsync(Model("m1"));

        Assert.NotNull(await registry.GetModelAsync("m1"));
    }

    [Fact]
    public async Task PingAsync_UserPasswordAndDatabaseOverTls_AuthenticatesAndSelects()
    {
        using var server = certificates.StartServer(false, "--requirepass", "s3cret");
        var ca = "?cacert=" + Uri.EscapeDataString(certificates.CaFile);
        await using var db2 = RegistryFactory.Create($"rediss://default:s3cret@127.0.0.1:{server.Port}/2{ca}");
        await using var db0 = RegistryFactory.Create($"rediss://:s3cret@127.0.0.1:{server.Port}{ca}");

        await db2.RegisterModelAsync(Model("in-db-2"));

        Assert.NotNull(await db2.GetModelAsync("in-db-2"));
        Assert.Null(await db0.GetModelAsync("in-db-2"));
    }

    [Fact]
    public async Task PingAsync_MutualTlsWithClientCertificate_Connects()
    {
        using var server = certificates.StartServer(authClients: true);
        var query = $"?cacert={Uri.EscapeDataString(certificates.CaFile)}&cert={Uri.EscapeDataString(certificates.ClientCertFile)}&key={Uri.EscapeDataString(certificates.ClientKeyFile)}";
        await using var byUrl = RegistryFactory.Create(server.Url + query);
        await using var byOptions = RegistryFactory.Create(server.Url, configureRedis: o =>
        {
            o.Client.TlsCaCertificateFile = certificates.CaFile;
            o.Client.TlsClientCertificateFile = certificates.ClientCertAndKeyFile;
        });

        await byUrl.RegisterModelAsync(Model("mtls"));

        Assert.NotNull(await byOptions.GetModelAsync("mtls"));
    }

    [Fact]
    public async Task PingAsync_AllowUntrustedCertificates_ConnectsWithoutTheCa()
    {
        using var server = certificates.StartServer();
        await using var registry = RegistryFactory.Create(server.Url, configureRedis: o => o.Client.AllowUntrustedCertificates = true);

        await registry.PingAsync();
    }
}
