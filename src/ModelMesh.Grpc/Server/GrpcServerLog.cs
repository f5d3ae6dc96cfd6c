using Microsoft.Extensions.Logging;

namespace ModelMesh.Grpc;

/// <summary>Source-generated log messages of the gRPC server (event ids 7100-7199).</summary>
internal static partial class GrpcServerLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Error, Message = "gRPC handler for {Method} threw an unexpected exception")]
    public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Debug, Message = "gRPC call {Method} exceeded its deadline {Deadline:o}")]
    public static partial void DeadlineExceeded(ILogger logger, string method, DateTime deadline);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Debug, Message = "gRPC call {Method} was cancelled by the client")]
    public static partial void CallCancelled(ILogger logger, string method);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Debug, Message = "Ignoring malformed grpc-timeout header '{Value}' on {Method}")]
    public static partial void InvalidTimeout(ILogger logger, string value, string method);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Debug, Message = "gRPC call {Method} ended with {StatusCode}: {Detail}")]
    public static partial void CallFailed(ILogger logger, string method, StatusCode statusCode, string detail);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Debug, Message = "gRPC handler for {Method} finished after the call had already ended")]
    public static partial void AbandonedHandlerFinished(ILogger logger, string method, Exception? exception);
}
