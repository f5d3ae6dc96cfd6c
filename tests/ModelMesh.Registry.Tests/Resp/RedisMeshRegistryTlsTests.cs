using ModelMesh.Registry.Tests.Infrastructure;
using static ModelMesh.Registry.Tests.Contract.RegistryRecords;

namespace ModelMesh.Registry.Tests.Resp;

/// <summary>The Redis registry built by <see cref="RegistryFactory"/> from a rediss:// URL, as the CLI's --registry builds it.</summary>
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
    public async Task PingAsync_RedissUrlWithoutTheCa_RegistryUnavailable()
    {
        using var server = certificates.StartServer();
        await using var registry = RegistryFactory.Create(server.Url, configureRedis: o => o.Client.ConnectTimeout = TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<RegistryUnavailableException>(() => registry.PingAsync().WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains("TLS handshake", error.Message, StringComparison.Ordinal);
    }
}
