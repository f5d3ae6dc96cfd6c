using System.Diagnostics;
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
        using var scope = BeginRequestScope(context);
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

    /// <summary>Custom property of the request's <see cref="Activity"/> holding its request id (HttpContext.TraceIdentifier).</summary>
    public const string RequestIdProperty = "modelmesh.request_id";

    private static readonly object ScopeOpened = new();

    /// <summary>
    /// A logging scope with the request id (HttpContext.TraceIdentifier) and trace id (the current activity's, or the
    /// incoming traceparent's). Opened once per request: null when it is already open (the front door's REST access log
    /// opens it around the whole request, so that its line is written inside it).
    /// </summary>
    public static IDisposable? BeginRequestScope(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var logger = context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(typeof(RestCall));
        if (logger is null || !context.Items.TryAdd(ScopeOpened, null))
        {
            return null;
        }

        // The front door's router logs through another host's logger factory: it reads the request id from the activity.
        Activity.Current?.SetCustomProperty(RequestIdProperty, context.TraceIdentifier);
        var traceId = Activity.Current?.TraceId.ToHexString();
        if (traceId is null && context.Request.Headers.TryGetValue("traceparent", out var parent) && parent.ToString() is { Length: >= 35 } header)
        {
            traceId = header.Substring(3, 32);
        }

        return logger.BeginScope(new KeyValuePair<string, object?>[] { new("RequestId", context.TraceIdentifier), new("TraceId", traceId) });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled error serving {Path}")]
    private static partial void LogUnhandled(ILogger logger, string path, Exception exception);
}
