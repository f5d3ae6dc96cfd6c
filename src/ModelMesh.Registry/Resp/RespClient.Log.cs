using Microsoft.Extensions.Logging;

namespace ModelMesh.Registry.Resp;

public sealed partial class RespClient
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Connected to {Endpoint}")]
    private static partial void LogConnected(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Could not connect to {Endpoint}; retrying in {DelayMs} ms: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, string endpoint, double delayMs, string reason);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Lost the connection to {Endpoint}: {Reason}; reconnecting")]
    private static partial void LogConnectionLost(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "No reply from {Endpoint} for {WaitedMs} ms; dropping the connection")]
    private static partial void LogConnectionUnresponsive(ILogger logger, string endpoint, double waitedMs);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Debug, Message = "Script {Sha1} was not cached by the server; sent it with EVAL")]
    private static partial void LogScriptReloaded(ILogger logger, string sha1);
}
