using Azure.Storage.Blobs;
using ModelMesh.Storage.Config;

namespace ModelMesh.Storage.Tests.Infrastructure;

/// <summary>
/// Azurite, Microsoft's Azure Storage emulator (blob service; SharedKey signatures checked), with a container
/// <see cref="Container"/>. Its account is the emulator's well-known devstoreaccount1 (a public, documented key).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string Container = "models";
    public const string Account = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private NodeServer? _server;

    public Uri BlobEndpoint => new($"http://127.0.0.1:{_server!.Port}/{Account}");

    public string ConnectionString(string? key = null) =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={key ?? AccountKey};BlobEndpoint={BlobEndpoint};";

    public BlobContainerClient ContainerClient { get; private set; } = null!;

    public AzureStorageEntry ConnectionStringEntry(string key = "azure-test", string? accountKey = null) =>
        new(key) { ConnectionString = ConnectionString(accountKey), Container = Container };

    public AzureStorageEntry AccountKeyEntry(string key = "azure-key") =>
        new(key) { AccountName = Account, AccountKey = AccountKey, EndpointUrl = BlobEndpoint, Container = Container };

    public Task PutAsync(string blob, byte[] content) =>
        ContainerClient.GetBlobClient(blob).UploadAsync(new BinaryData(content), overwrite: true);

    public async Task InitializeAsync()
    {
        _server = await NodeServer.StartAsync("azurite/dist/src/blob/main.js", (port, data) =>
            ["--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--location", data,
             "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry"]);
        ContainerClient = new BlobServiceClient(ConnectionString()).GetBlobContainerClient(Container);
        await ContainerClient.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
