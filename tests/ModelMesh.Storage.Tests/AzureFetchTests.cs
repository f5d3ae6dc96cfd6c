using ModelMesh.Storage.Config;
using ModelMesh.Storage.Tests.Infrastructure;

namespace ModelMesh.Storage.Tests;

/// <summary>azure:// downloads from Azurite (Microsoft's Azure Storage emulator, SharedKey-checked).</summary>
public sealed class AzureFetchTests(AzuriteFixture azure) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Acquire_ConnectionStringEntry_DownloadsAndVerifiesTheContentMd5()
    {
        var content = TestModels.Blob(40_000, seed: 5);
        await azure.PutAsync("cs/model.onnx", content);
        using var harness = new FetcherHarness(StorageConfig.FromEntries(azure.ConnectionStringEntry()));

        using var lease = await harness.Fetcher.AcquireAsync($"azure://{AzuriteFixture.Container}/cs/model.onnx", "azure-test", default);

        Assert.Equal(content, await File.ReadAllBytesAsync(lease.Path));
        Assert.Equal("size, MD5", Assert.Single(harness.Log.WithId(4003)).Value("Verified"));
    }

    [Fact]
    public async Task Acquire_AccountKeyEntryAndTheEntrysContainer_Downloads()
    {
        var content = TestModels.Blob(3000, seed: 6);
        await azure.PutAsync("key/model.onnx", content);
        using var harness = new FetcherHarness(StorageConfig.FromEntries(azure.AccountKeyEntry()));

        using var lease = await harness.Fetcher.AcquireAsync("azure:///key/model.onnx", "azure-key", default);

        Assert.Equal(content, await File.ReadAllBytesAsync(lease.Path));
    }

    [Fact]
    public async Task Acquire_MissingBlob_FailsWithTheStoresReason()
    {
        using var harness = new FetcherHarness(StorageConfig.FromEntries(azure.ConnectionStringEntry()));

        var e = await Assert.ThrowsAsync<ModelDownloadException>(
            () => harness.Fetcher.AcquireAsync($"azure://{AzuriteFixture.Container}/none/model.onnx", "azure-test", default));

        Assert.StartsWith($"Azure blob {AzuriteFixture.Container}/none/model.onnx (storage key 'azure-test') answered 404 BlobNotFound", e.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Log.WithId(4004));
    }

    [Fact]
    public async Task Acquire_WrongAccountKey_AuthenticationFailedAndTheKeyAppearsNowhere()
    {
        await azure.PutAsync("auth/model.onnx", TestModels.Blob(100));
        var wrongKey = Convert.ToBase64String(TestModels.Blob(64, seed: 9));
        using var harness = new FetcherHarness(StorageConfig.FromEntries(azure.ConnectionStringEntry(accountKey: wrongKey)));

        var e = await Assert.ThrowsAsync<ModelDownloadException>(
            () => harness.Fetcher.AcquireAsync($"azure://{AzuriteFixture.Container}/auth/model.onnx", "azure-test", default));

        Assert.Contains("answered 403", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, harness.AllLogText, StringComparison.Ordinal);
    }
}
