using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelMesh.FrontDoor.Routing;
using ModelMesh.Serving.Rest;

namespace ModelMesh.FrontDoor.Rest;

/// <summary>
/// The access log line of a REST inference request (V2 infer, V1 <c>:predict</c>), written when the response status is
/// final so that it says what the client received: 200, 400 (bad JSON or input), 404 (unknown model), 503 (no silo)...,
/// and 499 when the client went away before an answer. The router, when the request reached it, fills in the resolved
/// model, the silo and the attempts (<see cref="AccessLog.State"/>); otherwise the line names the model as requested.
/// </summary>
public static class RestAccessLog
{
    private const int ClientClosedRequest = 499;

    private static readonly HashSet<string> InferenceRoutes = new(StringComparer.Ordinal)
    {
        "/v2/models/{model}/infer", "/v2/models/{model}/versions/{version}/infer", "/v1/models/{model}:predict",
    };

    /// <summary>Adds the access log to a REST app that maps <see cref="InferenceRestEndpoints.MapInferenceRest"/>.</summary>
    public static IApplicationBuilder UseRestAccessLog(this IApplicationBuilder app) => app.Use(LogAsync);

    private static async Task LogAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint() is not RouteEndpoint { RoutePattern.RawText: { } route } || !InferenceRoutes.Contains(route))
        {
            await next(context);
            return;
        }

        // Opened here so that the line itself is written in the request's RequestId/TraceId scope.
        using var scope = RestCall.BeginRequestScope(context);
        var access = new AccessLog.State();
        AccessLog.State.Current = access;
        var started = Stopwatch.GetTimestamp();
        var escaped = false;
        try
        {
            await next(context);
        }
        catch
        {
            escaped = true;
            throw;
        }
        finally
        {
            AccessLog.State.Current = null;
            Write(context, access, StatusSent(context, escaped), Stopwatch.GetElapsedTime(started));
        }
    }

    private static void Write(HttpContext context, AccessLog.State access, int status, TimeSpan elapsed)
    {
        var logger = context.RequestServices.GetRequiredService<ILogger<InferenceRouter>>();
        if (logger.IsEnabled(LogLevel.Information))
        {
            var model = access.Model.Length > 0 ? access.Model : RequestedModel(context);
            var phrase = status == ClientClosedRequest ? "Client Closed Request" : ReasonPhrases.GetReasonPhrase(status);
            AccessLog.Line(logger, model, AccessLog.Rest, phrase, status, elapsed.TotalMilliseconds, access.Silo, access.Attempts);
        }
    }

    /// <summary>The status the client got: the response's, 500 for an error that escaped before it started, 499 when the client left first.</summary>
    private static int StatusSent(HttpContext context, bool escaped) =>
        context.Response.HasStarted ? context.Response.StatusCode
        : context.RequestAborted.IsCancellationRequested ? ClientClosedRequest
        : escaped ? StatusCodes.Status500InternalServerError
        : context.Response.StatusCode;

    /// <summary>The model as the request named it (<c>name:version</c> with a version), for lines the router never saw.</summary>
    private static string RequestedModel(HttpContext context) =>
        context.GetRouteValue("version") is string version
            ? $"{context.GetRouteValue("model")}:{version}"
            : context.GetRouteValue("model") as string ?? "";
}
