using System.Diagnostics;
using System.Net.Http.Headers;

namespace ModelMesh.Grpc;

/// <summary>W3C trace context propagation: writes <c>traceparent</c>/<c>tracestate</c> for <see cref="Activity.Current"/>.</summary>
internal static class TraceContextInjector
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    /// <summary>Adds the headers unless there is no current W3C activity or the caller already set a traceparent.</summary>
    public static void Inject(HttpRequestHeaders headers)
    {
        var activity = Activity.Current;
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C || headers.Contains(TraceParent))
        {
            return;
        }

        headers.TryAddWithoutValidation(TraceParent, activity.Id);
        if (!string.IsNullOrEmpty(activity.TraceStateString))
        {
            headers.TryAddWithoutValidation(TraceState, activity.TraceStateString);
        }
    }
}
