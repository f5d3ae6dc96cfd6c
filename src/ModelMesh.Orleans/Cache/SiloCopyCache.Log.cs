using Microsoft.Extensions.Logging;

namespace ModelMesh.Orleans.Cache;

public sealed partial class SiloCopyCache
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Copy {CopyKey} of {Model} loaded on {Device}: {SizeBytes} bytes in {Milliseconds:0.#} ms")]
    private static partial void LogLoaded(ILogger logger, string copyKey, string model, string device, long sizeBytes, double milliseconds);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Copy {CopyKey} of {Model} failed to load: {Error}")]
    private static partial void LogLoadFailed(ILogger logger, string copyKey, string model, string error);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Evicted copy {CopyKey} of {Model} ({SizeBytes} bytes) to make room for {ForKey}")]
    private static partial void LogEvicted(ILogger logger, string copyKey, string model, long sizeBytes, string forKey);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Refused copy {CopyKey} ({SizeBytes} bytes on {Device}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string copyKey, long sizeBytes, string device, string reason);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug, Message = "Copy {CopyKey} dropped: {Reason}")]
    private static partial void LogRetired(ILogger logger, string copyKey, string reason);
}
