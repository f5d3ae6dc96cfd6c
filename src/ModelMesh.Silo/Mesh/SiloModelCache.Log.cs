using Microsoft.Extensions.Logging;

namespace ModelMesh.Silo.Mesh;

public sealed partial class SiloModelCache
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Loaded {Model} on {Device}: {Bytes} bytes in {Milliseconds:0} ms")]
    private static partial void LogLoaded(ILogger logger, string model, string device, long bytes, double milliseconds);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Load of {Model} failed: {Error}")]
    private static partial void LogLoadFailed(ILogger logger, string model, string error);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Evicted {Model} ({Bytes} bytes) to make room for {Incoming}")]
    private static partial void LogEvicted(ILogger logger, string model, long bytes, string incoming);

    [LoggerMessage(EventId = 203, Level = LogLevel.Debug, Message = "Dropped {Model} ({Reason}, {Bytes} bytes)")]
    private static partial void LogCopyDropped(ILogger logger, string model, string reason, long bytes);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "Evicting {Count} copies inside the churn guard on {Device}: no other way to admit the load")]
    private static partial void LogGuardOverridden(ILogger logger, int count, string device);
}
