using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using ModelMesh.Storage.Cache;
using ModelMesh.Storage.Config;
using ModelMesh.Storage.Stores;

namespace ModelMesh.Storage;

/// <summary>
/// Turns a registration's storage URI (+ storage key) into a local model file. file:// and pvc:// are read in place;
/// s3://, azure:// and http(s):// are downloaded once into the model cache and shared: concurrent loads of the same
/// source wait on one download (single flight), and every load holds a <see cref="ModelFileLease"/> so that the cache's
/// LRU clean-up never deletes a file in use. A download streams to disk, is verified (announced size; MD5 where the
/// store gives one), retries transient failures with exponential backoff (bounded by MaxAttempts) and is cut off after
/// DownloadTimeout. Failures carry the store's reason without credentials.
/// </summary>
public sealed class ModelFetcher : IDisposable
{
    private readonly StorageOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lazy<ModelFileCache> _cache;
    private readonly Dictionary<string, Task> _flights = new(StringComparer.Ordinal);
    private readonly HttpObjectStore _http;
    private readonly S3ObjectStore _s3 = new();
    private readonly AzureBlobObjectStore _azure = new();
    private readonly HttpClient _httpClient;

    public ModelFetcher(StorageConfig config, StorageOptions options, ILogger<ModelFetcher> logger, TimeProvider time)
    {
        Config = config;
        _options = StorageOptionsValidator.Require(options);
        _logger = logger;
        _time = time;
        _cache = new Lazy<ModelFileCache>(() => new ModelFileCache(_options.CacheDirectory, _options.CacheSizeLimitBytes, _time, _logger));
        _httpClient = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _http = new HttpObjectStore(_httpClient);
    }

    public StorageConfig Config { get; }

    public StorageOptions Options => _options;

    /// <summary>Checks a registration: <see cref="InvalidStorageReferenceException"/> when the URI or key cannot be used.</summary>
    public ModelSource Resolve(string storageUri, string? storageKey) => ModelSourceResolver.Resolve(storageUri, storageKey, Config);

    /// <summary>The model file's size when it is known without a download (a local file, a cached copy); else null.</summary>
    public long? KnownSize(string storageUri, string? storageKey)
    {
        try
        {
            var source = Resolve(storageUri, storageKey);
            if (source.Location.IsLocal)
            {
                return new FileInfo(LocalPath(source)).Length;
            }

            return _cache.IsValueCreated ? _cache.Value.SizeOf(CacheKey(source)) : null;
        }
        catch (Exception e) when (e is InvalidStorageReferenceException or ModelDownloadException or IOException)
        {
            return null;
        }
    }

    public async Task<ModelFileLease> AcquireAsync(string storageUri, string? storageKey, CancellationToken cancellationToken)
    {
        var source = Resolve(storageUri, storageKey);
        if (source.Location.IsLocal)
        {
            var path = LocalPath(source);
            return new ModelFileLease(path, new FileInfo(path).Length, downloaded: false, release: null);
        }

        var cache = _cache.Value;
        var key = CacheKey(source);
        for (var round = 0; ; round++)
        {
            if (cache.TryPin(key, out var path, out var size))
            {
                return new ModelFileLease(path, size, downloaded: true, () => cache.Unpin(key));
            }

            if (round == 3)
            {
                throw new ModelDownloadException($"{source.Display} was downloaded but deleted again before it could be used", transient: false);
            }

            Task flight;
            lock (_flights)
            {
                if (!_flights.TryGetValue(key, out flight!))
                {
                    flight = _flights[key] = Task.Run(() => DownloadAsync(source, key, cache), CancellationToken.None);
                    _ = flight.ContinueWith(
                        _ =>
                        {
                            lock (_flights)
                            {
                                _flights.Remove(key);
                            }
                        },
                        CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }

            await flight.WaitAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        _s3.Dispose();
        _httpClient.Dispose();
        if (_cache.IsValueCreated)
        {
            _cache.Value.Dispose();
        }
    }

    /// <summary>The cache folder of a source: a hash of the URI and key, so two keys reading the same URI never share a file.</summary>
    internal static string CacheKey(ModelSource source) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{source.Location.Uri.AbsoluteUri}\n{source.Entry?.Key}")))[..32];

    private string LocalPath(ModelSource source)
    {
        var path = source.Location.Kind == StorageKind.Pvc
            ? Path.Combine(_options.PvcMountRoot, source.Location.Container, source.Location.Path)
            : source.Location.Path;
        if (Directory.Exists(path))
        {
            path = Path.Combine(path, ModelFileCache.FileName);
        }

        return File.Exists(path) ? path : throw new ModelDownloadException($"model file '{path}' (from {source.Display}) does not exist", transient: false);
    }

    private async Task DownloadAsync(ModelSource source, string key, ModelFileCache cache)
    {
        using var timeout = new CancellationTokenSource(_options.DownloadTimeout, _time);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await DownloadOnceAsync(source, key, cache, timeout.Token);
                return;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                var reason = $"download of {source.Display} did not finish within {_options.DownloadTimeout.TotalSeconds:0.#} s (ModelMesh:Storage:DownloadTimeout)";
                StorageLog.DownloadFailed(_logger, source.Display, reason);
                throw new ModelDownloadException(reason, transient: false);
            }
            catch (ModelDownloadException e) when (e.Transient && attempt < _options.MaxAttempts)
            {
                var delay = Backoff(attempt);
                StorageLog.DownloadRetry(_logger, source.Display, attempt, _options.MaxAttempts, delay.TotalMilliseconds, e.Message);
                try
                {
                    await Task.Delay(delay, _time, timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new ModelDownloadException(
                        $"download of {source.Display} did not finish within {_options.DownloadTimeout.TotalSeconds:0.#} s; last error: {e.Message}", transient: false);
                }
            }
            catch (ModelDownloadException e)
            {
                StorageLog.DownloadFailed(_logger, source.Display, e.Message);
                throw new ModelDownloadException(
                    e.Transient ? $"{e.Message} (after {attempt} attempts)" : e.Message, transient: false);
            }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var ticks = _options.RetryBaseDelay.Ticks * Math.Pow(2, attempt - 1);
        return ticks >= _options.RetryMaxDelay.Ticks ? _options.RetryMaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    private IObjectStore StoreFor(ModelSource source) => source.Location.Kind switch
    {
        StorageKind.S3 => _s3,
        StorageKind.Azure => _azure,
        _ => _http,
    };

    private async Task DownloadOnceAsync(ModelSource source, string key, ModelFileCache cache, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var remote = await StoreFor(source).OpenAsync(source, cancellationToken);
        var reserved = remote.Length ?? 0;
        cache.Reserve(reserved, source.Display);
        var temp = cache.TempPath(key);
        var committed = false;
        try
        {
            StorageLog.DownloadStarted(_logger, source.Display, remote.Length);
            long written;
            byte[] md5;
            try
            {
                (written, md5) = await CopyAsync(source, remote, temp, cancellationToken);
            }
            catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                throw new ModelDownloadException(Redact(source, $"transfer of {source.Display} broke off: {e.Message}"), transient: true, e);
            }

            if (remote.Length is { } expected && written != expected)
            {
                throw new ModelDownloadException($"transfer of {source.Display} is {written} bytes; the store announced {expected}", transient: true);
            }

            if (remote.Md5 is { } want && !want.AsSpan().SequenceEqual(md5))
            {
                throw new ModelDownloadException(
                    $"transfer of {source.Display} has MD5 {Convert.ToHexStringLower(md5)}; the store announced {Convert.ToHexStringLower(want)}", transient: true);
            }

            cache.Commit(key, temp, written, reserved, source.Display);
            committed = true;
            var verified = remote.Md5 is not null ? "size, MD5" : remote.Length is not null ? "size" : "none offered by the store";
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            StorageLog.DownloadCompleted(_logger, source.Display, written, elapsed, verified);
        }
        finally
        {
            if (!committed)
            {
                cache.Unreserve(reserved);
                File.Delete(temp);
            }
        }
    }

    private async Task<(long Written, byte[] Md5)> CopyAsync(ModelSource source, RemoteObject remote, string temp, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        var buffer = new byte[1 << 16];
        long written = 0;
        var nextProgress = _options.ProgressLogBytes;
        int read;
        while ((read = await remote.Content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            written += read;
            if (written >= nextProgress)
            {
                var percent = remote.Length is > 0 and { } total ? 100.0 * written / total : double.NaN;
                StorageLog.DownloadProgress(_logger, source.Display, written, remote.Length, percent);
                nextProgress += _options.ProgressLogBytes;
            }
        }

        await file.FlushAsync(cancellationToken);
        return (written, hash.GetHashAndReset());
    }

    private static string Redact(ModelSource source, string text) => source.Entry?.Redact(text) ?? text;
}
