using Microsoft.Extensions.Logging;
using ModelMesh.Grpc;

namespace ModelMesh.FrontDoor;

/// <summary>
/// The front door's access log (<see cref="FrontDoorOptions.AccessLog"/>): one structured line per inference request
/// with the model, gRPC status, latency, the silo that answered last and the attempts made.
/// </summary>
public static partial class AccessLog
{
    [LoggerMessage(EventId = 420, EventName = "AccessLog", Level = LogLevel.Information,
        Message = "Infer {Model} {Status} ({StatusCode}) in {LatencyMs} ms on silo {Silo} after {Attempts} attempt(s)")]
    public static partial void Request(ILogger logger, string model, StatusCode status, int statusCode, double latencyMs, string silo, int attempts);

    /// <summary>Filled while a request is routed, only when the access log is on.</summary>
    public sealed class State
    {
        public string Silo { get; set; } = "";

        public int Attempts { get; set; }
    }
}
