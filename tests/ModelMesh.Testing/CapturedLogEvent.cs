using Microsoft.Extensions.Logging;

namespace ModelMesh.Testing;

/// <summary>One log event of a cluster member: who wrote it, its stable event id, and its structured values.</summary>
public sealed record CapturedLogEvent(
    DateTimeOffset At, string Member, string Category, LogLevel Level, EventId EventId, string Message,
    IReadOnlyDictionary<string, object?> Values)
{
    public string? Value(string name) => Values.TryGetValue(name, out var v) ? v?.ToString() : null;

    public override string ToString() => $"{At:HH:mm:ss.fff} [{Member}] {Level} {Category}#{EventId.Id}: {Message}";
}
