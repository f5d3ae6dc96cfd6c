using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ModelMesh.Serving.Rest;

/// <summary>
/// Runs a REST handler: a <see cref="ServingException"/> becomes <c>{"error": "..."}</c> with its HTTP status,
/// a client that went away gets nothing, anything else a 500 with the message — the server keeps serving.
/// </summary>
public static partial class RestCall
{
    public static async Task RunAsync(HttpContext context, Func<CancellationToken, Task> action)
    {
        try
        {
            await action(context.RequestAborted);
        }
        catch (ServingException e) when (!context.Response.HasStarted)
        {
            await RestResponses.WriteErrorAsync(context, e.HttpStatus, e.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RestCall));
            LogUnhandled(logger, context.Request.Path, e);
            await RestResponses.WriteErrorAsync(context, 500, "internal error: " + e.Message);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled error serving {Path}")]
    private static partial void LogUnhandled(ILogger logger, string path, Exception exception);
}
