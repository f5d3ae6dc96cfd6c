using ModelMesh.Storage.Config;
using ModelMesh.Storage.Tests.Infrastructure;

namespace ModelMesh.Storage.Tests;

/// <summary>s3:// downloads from s3rver (a real S3-compatible server, path-style, SigV4-checked).</summary>
public sealed class S3FetchTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task Acquire_S3Object_DownloadedAndVerifiedByItsETag()
    {
        var content = TestModels.Blob(50_000, seed: 3);
        await s3.PutAsync("fetch/model.onnx", content);
        using var harness = new FetcherHarness(StorageConfig.FromEntries(s3.Entry()));

        using var lease = await harness.Fetcher.AcquireAsync($"s3://{S3rverFixture.Bucket}/fetch/model.onnx", "s3-test", default);

        Assert.Equal(content, await File.ReadAllBytesAsync(lease.Path));
        Assert.Equal("size, MD5", Assert.Single(harness.Log.WithId(4003)).Value("Verified"));
    }

    [Fact]
    public async Task Acquire_DefaultEntryAndDefaultBucket_UsedWithoutKeyOrBucket()
    {
        var content = TestModels.Blob(1000, seed: 4);
        await s3.PutAsync("default/model.onnx", content);
        using var harness = new FetcherHarness(StorageConfig.FromEntries(s3.Entry(StorageConfig.DefaultKey, defaultBucket: S3rverFixture.Bucket)));

        using var lease = await harness.Fetcher.AcquireAsync("s3:///default/model.onnx", null, default);

        Assert.Equal(content, await File.ReadAllBytesAsync(lease.Path));
    }

    [Fact]
    public async Task Acquire_MissingObject_FailsWithTheStoresReasonWithoutRetrying()
    {
        using var harness = new FetcherHarness(StorageConfig.FromEntries(s3.Entry()));

        var e = await Assert.ThrowsAsync<ModelDownloadException>(
            () => harness.Fetcher.AcquireAsync($"s3://{S3rverFixture.Bucket}/no/such/model.onnx", "s3-test", default));

        Assert.StartsWith($"S3 GetObject s3://{S3rverFixture.Bucket}/no/such/model.onnx (storage key 's3-test') answered 404 NoSuchKey", e.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Log.WithId(4004));
    }

    [Fact]
    public async Task Acquire_WrongCredentials_AccessDeniedAndTheSecretAppearsNowhere()
    {
        await s3.PutAsync("secret/model.onnx", TestModels.Blob(100));
        const string wrongSecret = "Wr0ngSecretValue-4711";
        const string wrongKey = "AKIDNOTKNOWNHERE";
        using var harness = new FetcherHarness(StorageConfig.FromEntries(s3.Entry(secret: wrongSecret, accessKey: wrongKey)));

        var e = await Assert.ThrowsAsync<ModelDownloadException>(
            () => harness.Fetcher.AcquireAsync($"s3://{S3rverFixture.Bucket}/secret/model.onnx", "s3-test", default));

        Assert.Contains("answered 403 InvalidAccessKeyId", e.Message, StringComparison.Ordinal);
        foreach (var credential in new[] { wrongSecret, wrongKey })
        {
            Assert.DoesNotContain(credential, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(credential, harness.AllLogText, StringComparison.Ordinal);
        }
    }
}
