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
}
