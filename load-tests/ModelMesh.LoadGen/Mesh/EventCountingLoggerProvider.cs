using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ModelMesh.LoadGen.Mesh;

/// <summary>
/// Embedded mode's source of mesh counters: counts the silo cache's log events (4001 loaded, 4002 load failed,
/// 4003 evicted, 4005 dropped) and the front door's retries (InferenceRouter 410, by the
/// status code the silo answered and, for refused loads, "admission refused"), and keeps the first warnings and errors
/// of every component and the first retry details for the report.
/// It is the only logging provider of the embedded cluster, so the console keeps the progress lines.
/// </summary>
public sealed class EventCountingLoggerProvider : ILoggerProvider
{
    public const string CacheCategory = "ModelMesh.Orleans.Cache.SiloCopyCache";
    public const string RouterCategory = "ModelMesh.FrontDoor.Routing.InferenceRouter";
    private const int MaxMessages = 200;
    private const int MaxRetrySamples = 40;
    private long _retrySamples;

    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _messages = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private long _messageCount;

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    public IReadOnlyList<string> Messages => [.. _messages];

    public long MessageCount => Interlocked.Read(ref _messageCount);

    public static void Configure(ILoggingBuilder logging, EventCountingLoggerProvider provider)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddFilter(CacheCategory, LogLevel.Debug);
        logging.AddFilter(RouterCategory, LogLevel.Information);
        logging.AddProvider(provider);
    }

    public ILogger CreateLogger(string categoryName) => new Counter(this, categoryName);

    public void Dispose()
    {
    }

    private void Observe(string category, LogLevel level, EventId id, string message)
    {
        if (category == CacheCategory)
        {
            var name = id.Id switch
            {
                4001 => "loads",
                4002 => "load_failures",
                4003 => "evictions",
                4005 => "dropped_copies",
                204 => "churn_guard_overrides",
                _ => null,
            };
            if (name is not null)
            {
                _counts.AddOrUpdate(name, 1, static (_, c) => c + 1);
            }
        }

        if (category == RouterCategory && id.Id == 410)
        {
            // "Retrying {Model} elsewhere after silo {Silo} answered {Code}: {Detail}"
            var answered = message.IndexOf(" answered ", StringComparison.Ordinal);
            var code = answered < 0 ? "?" : message[(answered + 10)..].Split(':')[0];
            var key = "frontdoor_retries_" + code + (message.Contains("cannot admit", StringComparison.Ordinal) ? "_admission_refused" : string.Empty);
            _counts.AddOrUpdate(key, 1, static (_, c) => c + 1);
            if (Interlocked.Increment(ref _retrySamples) <= MaxRetrySamples)
            {
                _messages.Enqueue($"+{_clock.Elapsed.TotalSeconds:0.000}s {level} {category}[{id.Id}]: {message}");
            }

            return;
        }

        if (level >= LogLevel.Warning && Interlocked.Increment(ref _messageCount) <= MaxMessages)
        {
            _messages.Enqueue($"+{_clock.Elapsed.TotalSeconds:0.000}s {level} {category}[{id.Id}]: {message}");
        }
    }

    private sealed class Counter(EventCountingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (exception is not null && logLevel >= LogLevel.Warning)
            {
                message += " | " + exception.GetType().Name + ": " + exception.Message + " | " + string.Join(" <- ", (exception.StackTrace ?? string.Empty).Split('\n').Select(l => l.Trim()).Take(4));
            }

            owner.Observe(category, logLevel, eventId, message);
        }
    }
}
