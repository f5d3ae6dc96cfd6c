using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ModelMesh.Benchmarks.HitRatio;

/// <summary>
/// A logger provider that counts the silo caches' own load and eviction events (SiloCopyCache event ids 4001
/// "Loaded", 4002 "Load failed", 4003 "Evicted") and keeps each load's measured size; anything at Warning or above
/// is echoed to stderr. The counts come from the silos, not from the benchmark's guesses.
/// </summary>
public sealed class LoadEventCapture : ILoggerProvider
{
    public const string CacheCategory = "ModelMesh.Orleans.Cache.SiloCopyCache";

    private long _loads;
    private long _failures;
    private long _evictions;

    public ConcurrentDictionary<string, ConcurrentBag<long>> LoadedBytes { get; } = new(StringComparer.Ordinal);

    public long Loads => Interlocked.Read(ref _loads);

    public long Failures => Interlocked.Read(ref _failures);

    public long Evictions => Interlocked.Read(ref _evictions);

    public void Configure(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddFilter(CacheCategory, LogLevel.Information);
        logging.AddProvider(this);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Record(string category, LogLevel level, EventId eventId, IReadOnlyList<KeyValuePair<string, object?>>? state, string message)
    {
        if (category == CacheCategory)
        {
            switch (eventId.Id)
            {
                case 200:
                    Interlocked.Increment(ref _loads);
                    if (Value(state, "Model") is string model && Value(state, "Bytes") is long bytes)
                    {
                        LoadedBytes.GetOrAdd(model, _ => []).Add(bytes);
                    }

                    break;
                case 201:
                    Interlocked.Increment(ref _failures);
                    break;
                case 202:
                    Interlocked.Increment(ref _evictions);
                    break;
                default:
                    break;
            }
        }

        if (level >= LogLevel.Warning)
        {
            Console.Error.WriteLine($"{level} {category}: {message}");
        }
    }

    private static object? Value(IReadOnlyList<KeyValuePair<string, object?>>? state, string key) =>
        state?.FirstOrDefault(p => p.Key == key).Value;

    private sealed class Logger(LoadEventCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Record(category, logLevel, eventId, state as IReadOnlyList<KeyValuePair<string, object?>>, formatter(state, exception));
    }
}
