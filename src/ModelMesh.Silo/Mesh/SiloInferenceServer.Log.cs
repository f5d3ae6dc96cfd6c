using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ModelMesh.Contracts.Inference;

namespace ModelMesh.Silo.Mesh;

/// <summary>The silo's access log (<see cref="SiloOptions.AccessLog"/>), in the pattern of the front door's (ModelMesh.FrontDoor.AccessLog).</summary>
public sealed partial class SiloInferenceServer
{
    /// <summary>
    /// RequestId (the V2 request's id, else a new one) and TraceId (the caller's traceparent, carried from the front door)
    /// for the access log line and what the request causes on this silo (its load).
    /// </summary>
    private static IDisposable? BeginRequestScope(ILogger logger, ModelInferRequest request) =>
        logger.BeginScope(new KeyValuePair<string, object?>[]
        {
            new("RequestId", request.Id.Length > 0 ? request.Id : Guid.NewGuid().ToString("N")),
            new("TraceId", Activity.Current?.TraceId.ToHexString()),
        });

    [LoggerMessage(EventId = 330, EventName = "SiloAccessLog", Level = LogLevel.Information,
        Message = "Infer {Model} {Status} ({StatusCode}) in {LatencyMs} ms on silo {Silo}; load if absent {LoadIfAbsent}, waited for a load {WaitedForLoad}")]
    private static partial void LogAccess(ILogger logger, string model, string status, int statusCode, double latencyMs, string silo, bool loadIfAbsent, bool waitedForLoad);
}
