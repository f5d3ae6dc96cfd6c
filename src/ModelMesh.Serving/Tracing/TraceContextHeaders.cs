using System.Diagnostics;
using Grpc.Core;

namespace ModelMesh.Serving.Tracing;

/// <summary>
/// W3C trace context for process-to-process gRPC calls, written by us rather than by HttpClient: Grpc.Net.Client starts
/// its own (unexported) activity per call, and HttpClient would propagate that one's id, so the silo's server span
/// would hang off a span nobody exports. Channels from <see cref="Grpc.GrpcChannelPool"/> therefore propagate nothing
/// themselves, and callers add these headers for the span they want as the parent.
/// </summary>
public static class TraceContextHeaders
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    /// <summary>Adds traceparent/tracestate of <paramref name="activity"/> (W3C ids only) to <paramref name="headers"/>.</summary>
    public static void Inject(Activity? activity, Metadata headers)
    {
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C || activity.Id is not { } id)
        {
            return;
        }

        headers.Add(TraceParent, id);
        if (!string.IsNullOrEmpty(activity.TraceStateString))
        {
            headers.Add(TraceState, activity.TraceStateString);
        }
    }
}
