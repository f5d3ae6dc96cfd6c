using Microsoft.Extensions.Logging;

namespace ModelMesh.Storage;

/// <summary>The fetcher's log lines. Locations are logged as <see cref="ModelSource.Display"/> (no user info, query or credential).</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Downloading {Source} ({Bytes} bytes) to the model cache")]
    public static partial void DownloadStarted(ILogger logger, string source, long? bytes);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Downloading {Source}: {Done} of {Total} bytes ({Percent:0}%)")]
    public static partial void DownloadProgress(ILogger logger, string source, long done, long? total, double percent);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Downloaded {Source}: {Bytes} bytes in {ElapsedMs:0} ms (verified: {Verified})")]
    public static partial void DownloadCompleted(ILogger logger, string source, long bytes, double elapsedMs, string verified);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Download of {Source} failed (attempt {Attempt} of {MaxAttempts}), retrying in {DelayMs:0} ms: {Reason}")]
    public static partial void DownloadRetry(ILogger logger, string source, int attempt, int maxAttempts, double delayMs, string reason);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Download of {Source} failed: {Reason}")]
    public static partial void DownloadFailed(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Model cache: deleted {File} ({Bytes} bytes, least recently used) to make room for {Needed} bytes")]
    public static partial void Evicted(ILogger logger, string file, long bytes, long needed);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Model cache {Directory}: {Files} files, {Bytes} bytes of {Limit}")]
    public static partial void CacheOpened(ILogger logger, string directory, int files, long bytes, long limit);
}
