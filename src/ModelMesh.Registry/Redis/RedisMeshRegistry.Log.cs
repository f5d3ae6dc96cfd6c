using Microsoft.Extensions.Logging;

namespace ModelMesh.Registry;

public sealed partial class RedisMeshRegistry
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Redis registry at {Endpoint}, key prefix '{Prefix}', about {MaxEvents} events kept, command timeout {CommandTimeoutMs} ms")]
    private static partial void LogCreated(ILogger logger, string endpoint, string prefix, int maxEvents, double commandTimeoutMs);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Registry operation {Operation} failed: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string operation, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Change stream position {Position} is gone; the watcher must resync")]
    private static partial void LogStreamGap(ILogger logger, string position);

    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "Not connected to {Endpoint} yet; retrying in the background: {Status}")]
    private static partial void LogNotConnected(ILogger logger, string endpoint, string status);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Lost the {ConnectionType} connection to {Endpoint} ({FailureType}): {Reason}; reconnecting")]
    private static partial void LogConnectionFailed(ILogger logger, string endpoint, StackExchange.Redis.ConnectionType connectionType, StackExchange.Redis.ConnectionFailureType failureType, string reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Reconnected the {ConnectionType} connection to {Endpoint}")]
    private static partial void LogConnectionRestored(ILogger logger, string endpoint, StackExchange.Redis.ConnectionType connectionType);
}
