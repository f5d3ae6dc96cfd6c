using Microsoft.Extensions.Logging;
using ModelMesh.Storage.Config;
using ModelMesh.Testing;

namespace ModelMesh.Storage.Tests;

/// <summary>A <see cref="ModelFetcher"/> over a fresh cache folder with its log captured; retries without backoff delays.</summary>
internal sealed class FetcherHarness : IDisposable
{
    private readonly ILoggerFactory _loggers;

    public FetcherHarness(StorageConfig config, Action<StorageOptions>? configure = null)
    {
        CacheRoot = TestModels.TempDirectory();
        Options = new StorageOptions { CacheDirectory = CacheRoot, RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero };
        configure?.Invoke(Options);
        _loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(Log.ProviderFor("fetcher")));
        Fetcher = new ModelFetcher(config, Options, _loggers.CreateLogger<ModelFetcher>(), TimeProvider.System);
    }

    public string CacheRoot { get; }

    public StorageOptions Options { get; }

    public ClusterLog Log { get; } = new();

    public ModelFetcher Fetcher { get; }

    /// <summary>Every captured log line, with the exception messages, as one text.</summary>
    public string AllLogText => string.Join('\n', Log.Events.Select(e => e.Message + " " + string.Join(' ', e.Values.Values)));

    public void Dispose()
    {
        Fetcher.Dispose();
        _loggers.Dispose();
        Directory.Delete(CacheRoot, recursive: true);
    }
}
