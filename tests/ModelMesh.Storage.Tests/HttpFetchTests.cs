#pragma warning disable CA5351 // MD5 is what stores announce (Content-MD5) to check a transfer; not a security use
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using ModelMesh.Storage.Config;
using ModelMesh.Storage.Tests.Infrastructure;

namespace ModelMesh.Storage.Tests;

/// <summary>
/// The fetcher and its model cache against a real HTTP server (Kestrel): download, cache hits, single flight, retries,
/// verification, headers from the storage config, LRU clean-up that spares files in use, progress logs, timeouts.
/// </summary>
public sealed class HttpFetchTests : IAsyncLifetime
{
    private HttpModelServer _server = null!;

    public async Task InitializeAsync() => _server = await HttpModelServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Acquire_Http_DownloadsOnceThenServesFromTheCache()
    {
        var content = TestModels.Blob(10_000);
        _server.Serve("/m/model.onnx", content);
        using var harness = new FetcherHarness(StorageConfig.Empty);
        var uri = _server.Url("/m/model.onnx").AbsoluteUri;

        using (var first = await harness.Fetcher.AcquireAsync(uri, null, default))
        {
            Assert.True(first.Downloaded);
            Assert.Equal(content, await File.ReadAllBytesAsync(first.Path));
            Assert.StartsWith(harness.CacheRoot, first.Path, StringComparison.Ordinal);
        }

        using var second = await harness.Fetcher.AcquireAsync(uri, null, default);

        Assert.Equal(content, await File.ReadAllBytesAsync(second.Path));
        Assert.Equal(1, _server.RequestsFor("/m/model.onnx"));
        Assert.Equal(content.Length, harness.Fetcher.KnownSize(uri, null));
    }

    [Fact]
    public async Task Acquire_ConcurrentLoadsOfOneModel_ShareOneDownload()
    {
        var content = TestModels.Blob(4096);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Handle("/held.onnx", async c =>
        {
            await release.Task;
            c.Response.ContentLength = content.Length;
            await c.Response.Body.WriteAsync(content);
        });
        using var harness = new FetcherHarness(StorageConfig.Empty);
        var uri = _server.Url("/held.onnx").AbsoluteUri;

        var loads = Enumerable.Range(0, 8).Select(_ => harness.Fetcher.AcquireAsync(uri, null, default)).ToList();
        await ModelMesh.Testing.Eventually.Until(() => _server.RequestsFor("/held.onnx") == 1, TimeSpan.FromSeconds(30), "the download started");
        release.SetResult();
        var leases = await Task.WhenAll(loads);

        Assert.Equal(1, _server.RequestsFor("/held.onnx"));
        Assert.Single(leases.Select(l => l.Path).Distinct());
        foreach (var lease in leases)
        {
            lease.Dispose();
        }
    }

    [Fact]
    public async Task Acquire_TransientFailures_RetriedThenSucceeds()
    {
        var content = TestModels.Blob(2048);
        var calls = 0;
        _server.Handle("/flaky.onnx", async c =>
        {
            if (Interlocked.Increment(ref calls) <= 2)
            {
                c.Response.StatusCode = 503;
                return;
            }

            c.Response.ContentLength = content.Length;
            await c.Response.Body.WriteAsync(content);
        });
        using var harness = new FetcherHarness(StorageConfig.Empty);

        using var lease = await harness.Fetcher.AcquireAsync(_server.Url("/flaky.onnx").AbsoluteUri, null, default);

        Assert.Equal(content, await File.ReadAllBytesAsync(lease.Path));
        Assert.Equal(3, _server.RequestsFor("/flaky.onnx"));
        Assert.Equal(2, harness.Log.WithId(4004).Count());
    }

    [Fact]
    public async Task Acquire_AlwaysFailing_StopsAfterMaxAttemptsWithTheStoresReason()
    {
        _server.Handle("/down.onnx", c =>
        {
            c.Response.StatusCode = 502;
            return Task.CompletedTask;
        });
        using var harness = new FetcherHarness(StorageConfig.Empty, o => o.MaxAttempts = 3);

        var e = await Assert.ThrowsAsync<ModelDownloadException>(() => harness.Fetcher.AcquireAsync(_server.Url("/down.onnx").AbsoluteUri, null, default));

        Assert.Equal($"GET {_server.Url("/down.onnx")} answered 502 Bad Gateway (after 3 attempts)", e.Message);
        Assert.Equal(3, _server.RequestsFor("/down.onnx"));
    }

    [Fact]
    public async Task Acquire_Missing_FailsAtOnceWith404()
    {
        using var harness = new FetcherHarness(StorageConfig.Empty);

        var e = await Assert.ThrowsAsync<ModelDownloadException>(() => harness.Fetcher.AcquireAsync(_server.Url("/nothing.onnx").AbsoluteUri, null, default));

        Assert.Contains("answered 404 Not Found", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.RequestsFor("/nothing.onnx"));
        Assert.Empty(Directory.EnumerateFiles(harness.CacheRoot, "*.onnx*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Acquire_Md5Mismatch_RetriedAndRefusedNothingCached()
    {
        var content = TestModels.Blob(1024);
        _server.Handle("/corrupted.onnx", async c =>
        {
            c.Response.Headers["Content-MD5"] = Convert.ToBase64String(MD5.HashData(TestModels.Blob(1024, seed: 2)));
            c.Response.ContentLength = content.Length;
            await c.Response.Body.WriteAsync(content);
        });
        using var harness = new FetcherHarness(StorageConfig.Empty, o => o.MaxAttempts = 2);

        var e = await Assert.ThrowsAsync<ModelDownloadException>(() => harness.Fetcher.AcquireAsync(_server.Url("/corrupted.onnx").AbsoluteUri, null, default));

        Assert.Contains($"has MD5 {Convert.ToHexStringLower(MD5.HashData(content))}; the store announced", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, _server.RequestsFor("/corrupted.onnx"));
        Assert.Empty(Directory.EnumerateFiles(harness.CacheRoot, "*.onnx*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Acquire_Md5Matches_LogsVerified()
    {
        var content = TestModels.Blob(1024);
        _server.Handle("/good.onnx", async c =>
        {
            c.Response.Headers["Content-MD5"] = Convert.ToBase64String(MD5.HashData(content));
            c.Response.ContentLength = content.Length;
            await c.Response.Body.WriteAsync(content);
        });
        using var harness = new FetcherHarness(StorageConfig.Empty);

        using var lease = await harness.Fetcher.AcquireAsync(_server.Url("/good.onnx").AbsoluteUri, null, default);

        Assert.Equal("size, MD5", Assert.Single(harness.Log.WithId(4003)).Value("Verified"));
    }

    [Fact]
    public async Task Acquire_HttpStorageKey_SendsItsHeadersAndNeverLogsThem()
    {
        _server.Serve("/private.onnx", TestModels.Blob(512));
        var entry = new HttpStorageEntry("web") { Headers = new Dictionary<string, IReadOnlyList<string>> { ["Authorization"] = ["Bearer very-secret-token"] } };
        using var harness = new FetcherHarness(StorageConfig.FromEntries(entry));

        using var lease = await harness.Fetcher.AcquireAsync(_server.Url("/private.onnx").AbsoluteUri, "web", default);

        Assert.Equal("Bearer very-secret-token", _server.Requests.Single(r => r.Path == "/private.onnx").Headers.Authorization.ToString());
        Assert.DoesNotContain("very-secret-token", harness.AllLogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acquire_CacheFull_DeletesLeastRecentlyUsedButNeverAFileInUse()
    {
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            _server.Serve($"/{name}.onnx", TestModels.Blob(1000));
        }

        using var harness = new FetcherHarness(StorageConfig.Empty, o => o.CacheSizeLimitBytes = 2500);
        string Uri(string name) => _server.Url($"/{name}.onnx").AbsoluteUri;

        var a = await harness.Fetcher.AcquireAsync(Uri("a"), null, default); // held: in use by a "loaded model"
        (await harness.Fetcher.AcquireAsync(Uri("b"), null, default)).Dispose();
        (await harness.Fetcher.AcquireAsync(Uri("c"), null, default)).Dispose(); // needs room: b goes, a is in use

        Assert.True(File.Exists(a.Path));
        Assert.Null(harness.Fetcher.KnownSize(Uri("b"), null));
        Assert.Equal(1000, harness.Fetcher.KnownSize(Uri("c"), null));

        a.Dispose();
        (await harness.Fetcher.AcquireAsync(Uri("c"), null, default)).Dispose(); // a cache hit: c is now more recent than a
        (await harness.Fetcher.AcquireAsync(Uri("d"), null, default)).Dispose(); // a is the least recently used

        Assert.False(File.Exists(a.Path));
        Assert.Equal(1000, harness.Fetcher.KnownSize(Uri("c"), null));
        Assert.Equal(1, _server.RequestsFor("/c.onnx"));
        Assert.Equal(2, harness.Log.WithId(4006).Count());
    }

    [Fact]
    public async Task Acquire_CacheFullOfFilesInUse_FailsNamingTheLimit()
    {
        _server.Serve("/x.onnx", TestModels.Blob(1000));
        _server.Serve("/y.onnx", TestModels.Blob(1000));
        using var harness = new FetcherHarness(StorageConfig.Empty, o => o.CacheSizeLimitBytes = 1500);

        using var x = await harness.Fetcher.AcquireAsync(_server.Url("/x.onnx").AbsoluteUri, null, default);
        var e = await Assert.ThrowsAsync<ModelDownloadException>(() => harness.Fetcher.AcquireAsync(_server.Url("/y.onnx").AbsoluteUri, null, default));

        Assert.Contains("the model cache has no room", e.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(x.Path));
    }

    [Fact]
    public async Task Acquire_LargerThanTheCache_FailsNamingTheLimit()
    {
        _server.Serve("/big.onnx", TestModels.Blob(5000));
        using var harness = new FetcherHarness(StorageConfig.Empty, o => o.CacheSizeLimitBytes = 4000);

        var e = await Assert.ThrowsAsync<ModelDownloadException>(() => harness.Fetcher.AcquireAsync(_server.Url("/big.onnx").AbsoluteUri, null, default));

        Assert.Contains("is 5000 bytes, more than the model cache limit of 4000 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acquire_LargeFile_LogsProgress()
    {
        _server.Serve("/large.onnx", TestModels.Blob(300_000));
        using var harness = new FetcherHarness(StorageConfig.Empty, o => o.ProgressLogBytes = 100_000);

        using var lease = await harness.Fetcher.AcquireAsync(_server.Url("/large.onnx").AbsoluteUri, null, default);

        var progress = harness.Log.WithId(4002).Select(e => long.Parse(e.Value("Done")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, progress.Count);
        Assert.True(progress.SequenceEqual(progress.Order()) && progress[^1] == 300_000, string.Join(",", progress));
    }

    [Fact]
    public async Task Acquire_ServerNeverAnswers_TimesOutNamingTheSetting()
    {
        var never = new TaskCompletionSource();
        _server.Handle("/stuck.onnx", _ => never.Task);
        using var harness = new FetcherHarness(StorageConfig.Empty, o => o.DownloadTimeout = TimeSpan.FromMilliseconds(300));

        var e = await Assert.ThrowsAsync<ModelDownloadException>(() => harness.Fetcher.AcquireAsync(_server.Url("/stuck.onnx").AbsoluteUri, null, default));

        Assert.Contains("did not finish within 0.3 s (ModelMesh:Storage:DownloadTimeout)", e.Message, StringComparison.Ordinal);
        never.SetResult();
    }

    [Fact]
    public async Task Acquire_FileAndPvc_ReadInPlaceWithoutTheCache()
    {
        var root = TestModels.TempDirectory();
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, "claim-1", "models", "m")).FullName;
            await File.WriteAllBytesAsync(Path.Combine(folder, "model.onnx"), TestModels.Blob(100));
            using var harness = new FetcherHarness(StorageConfig.Empty, o => o.PvcMountRoot = root);

            using var pvc = await harness.Fetcher.AcquireAsync("pvc://claim-1/models/m", null, default);
            using var file = await harness.Fetcher.AcquireAsync(new Uri(folder).AbsoluteUri, null, default);
            var missing = await Assert.ThrowsAsync<ModelDownloadException>(() => harness.Fetcher.AcquireAsync("pvc://claim-1/models/none.onnx", null, default));

            Assert.Equal(Path.Combine(folder, "model.onnx"), pvc.Path);
            Assert.Equal(pvc.Path, file.Path);
            Assert.False(pvc.Downloaded);
            Assert.Contains($"model file '{Path.Combine(root, "claim-1", "models", "none.onnx")}' (from pvc://claim-1/models/none.onnx) does not exist", missing.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(harness.CacheRoot));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Cache_ReopenedByANewFetcher_KeepsCompleteFilesAndDropsPartials()
    {
        _server.Serve("/kept.onnx", TestModels.Blob(700));
        var uri = _server.Url("/kept.onnx").AbsoluteUri;
        using var first = new FetcherHarness(StorageConfig.Empty);
        string path;
        using (var lease = await first.Fetcher.AcquireAsync(uri, null, default))
        {
            path = lease.Path;
        }

        var partial = path + ".0123.partial";
        await File.WriteAllBytesAsync(partial, [1, 2, 3]);
        first.Fetcher.Dispose(); // releases the folder's lock
        using var second = new ModelFetcher(StorageConfig.Empty, first.Options, Microsoft.Extensions.Logging.Abstractions.NullLogger<ModelFetcher>.Instance, TimeProvider.System);

        using var again = await second.AcquireAsync(uri, null, default);

        Assert.Equal(path, again.Path);
        Assert.Equal(1, _server.RequestsFor("/kept.onnx"));
        Assert.False(File.Exists(partial));
    }

    [Fact]
    public async Task Cache_FolderOwnedByAnotherFetcher_Refused()
    {
        _server.Serve("/owned.onnx", TestModels.Blob(10));
        using var first = new FetcherHarness(StorageConfig.Empty);
        using var held = await first.Fetcher.AcquireAsync(_server.Url("/owned.onnx").AbsoluteUri, null, default);
        using var second = new ModelFetcher(StorageConfig.Empty, first.Options, Microsoft.Extensions.Logging.Abstractions.NullLogger<ModelFetcher>.Instance, TimeProvider.System);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => second.AcquireAsync(_server.Url("/owned.onnx").AbsoluteUri, null, default));

        Assert.Contains("is in use by another process", e.Message, StringComparison.Ordinal);
    }
}
