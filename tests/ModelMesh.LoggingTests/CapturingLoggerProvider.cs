using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ModelMesh.LoggingTests;

/// <summary>
/// Keeps every log event with its state values and the scopes open when it was written. One provider instance serves
/// several hosts (the front door's gRPC and REST apps, the silos), each with its own scope provider; an entry's scopes
/// are those of every host on the writing flow.
/// </summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<IExternalScopeProvider> _scopes = new();

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public IEnumerable<Entry> WithId(int eventId) => Entries.Where(e => e.EventId == eventId);

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes.Enqueue(scopeProvider);

    public void Dispose()
    {
    }

    internal sealed record Entry(int EventId, string Category, IReadOnlyDictionary<string, object?> State, IReadOnlyDictionary<string, object?> Scopes);

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    values[key] = value;
                }
            }

            var scopes = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var scopeProvider in provider._scopes)
            {
                scopeProvider.ForEachScope((scope, into) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> items)
                    {
                        foreach (var (key, value) in items)
                        {
                            into[key] = value;
                        }
                    }
                }, scopes);
            }

            provider.Entries.Enqueue(new Entry(eventId.Id, category, values, scopes));
        }
    }
}
