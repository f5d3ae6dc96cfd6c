using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ModelMesh.Testing;

/// <summary>
/// Collects the log events of every cluster member in memory, so tests can count what happened (loads,
/// evictions, drains) from the members' own stable event ids rather than from timing.
/// </summary>
public sealed class ClusterLog
{
    /// <summary>Event ids of the silos' copy cache (<c>SiloCopyCache</c>: CopyKey, Model).</summary>
    public const int Loaded = 4001;
    public const int LoadFailed = 4002;
    public const int Evicted = 4003;

    /// <summary>Event id of the front door's <c>ScaleUpMonitor</c> adding a copy (Model, Silo).</summary>
    public const int ScaleUp = 4050;

    /// <summary>Event ids of <c>SiloDrain</c>: draining, drained.</summary>
    public const int Draining = 4080;
    public const int Drained = 4081;

    private readonly ConcurrentQueue<CapturedLogEvent> _events = new();

    public IReadOnlyList<CapturedLogEvent> Events => [.. _events];

    public IEnumerable<CapturedLogEvent> WithId(int eventId) => _events.Where(e => e.EventId.Id == eventId);

    /// <summary>Completed loads of <paramref name="modelId"/> on any silo (event 4001 with Model = id).</summary>
    public int LoadsOf(string modelId) => WithId(Loaded).Count(e => e.Value("Model") == modelId);

    /// <summary>Copies of <paramref name="modelId"/> evicted on any silo (event 202 with Model = id).</summary>
    public int EvictionsOf(string modelId) => WithId(Evicted).Count(e => e.Value("Model") == modelId);

    public void Add(CapturedLogEvent e) => _events.Enqueue(e);

    /// <summary>Warnings and above plus the mesh's own information events, for failure messages.</summary>
    public string Dump(int last = 200) => string.Join(Environment.NewLine,
        _events.Where(e => e.Level >= LogLevel.Warning || e.Category.StartsWith("ModelMesh", StringComparison.Ordinal)).TakeLast(last));

    public ILoggerProvider ProviderFor(string member) => new Provider(this, member);

    private sealed class Provider(ClusterLog log, string member) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(log, member, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class Logger(ClusterLog log, string member, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information
            || (logLevel >= LogLevel.Debug && category.StartsWith("ModelMesh", StringComparison.Ordinal));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (state is IReadOnlyList<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    values[key] = value;
                }
            }

            var message = formatter(state, exception) + (exception is null ? "" : " | " + exception.GetType().Name + ": " + exception.Message);
            log.Add(new CapturedLogEvent(DateTimeOffset.UtcNow, member, category, logLevel, eventId, message, values));
        }
    }
}
