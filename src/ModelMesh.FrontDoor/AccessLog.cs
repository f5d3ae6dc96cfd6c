using Microsoft.Extensions.Logging;
using Grpc.Core;

namespace ModelMesh.FrontDoor;

/// <summary>
/// The front door's access log (<see cref="FrontDoorOptions.AccessLog"/>): one structured line per inference request
/// with the model, the protocol, the status the client received, latency, the silo that answered last and the attempts
/// made. gRPC lines carry the gRPC code (name and number) and are written by the router when the call ends. REST lines
/// (V2 infer, V1 predict) carry the HTTP status (reason phrase and number) and are written by
/// <see cref="Rest.RestAccessLog"/> once the response status is final, including for requests that never reached the
/// router (bad JSON, unknown model); the router only hands that line its model, silo and attempts (<see cref="State.Current"/>).
/// </summary>
public static partial class AccessLog
{
    public const string Grpc = "grpc";
    public const string Rest = "rest";

    /// <summary>One line. <paramref name="status"/> and <paramref name="statusCode"/>: the gRPC code's name and number, or the HTTP reason phrase and status.</summary>
    [LoggerMessage(EventId = 430, EventName = "AccessLog", Level = LogLevel.Information,
        Message = "Infer {Model} over {Protocol}: {Status} ({StatusCode}) in {LatencyMs} ms on silo {Silo} after {Attempts} attempt(s)")]
    public static partial void Line(ILogger logger, string model, string protocol, string status, int statusCode, double latencyMs, string silo, int attempts);

    /// <summary>
    /// The router's end of a request: writes the gRPC line; inside a REST request (whose line carries the HTTP status and
    /// is written by <see cref="Rest.RestAccessLog"/>) it records the resolved model, silo and attempts for that line instead.
    /// </summary>
    public static void Request(ILogger logger, string model, StatusCode status, int statusCode, double latencyMs, string silo, int attempts)
    {
        if (State.Current is { } rest)
        {
            (rest.Model, rest.Silo, rest.Attempts) = (model, silo, attempts);
            return;
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            var name = status.ToString();
            Line(logger, model, Grpc, name, statusCode, latencyMs, silo, attempts);
        }
    }

    /// <summary>Filled while a request is routed, only when the access log is on.</summary>
    public sealed class State
    {
        private static readonly AsyncLocal<State?> Ambient = new();

        /// <summary>The resolved model id; empty until the router has it.</summary>
        public string Model { get; set; } = "";

        public string Silo { get; set; } = "";

        public int Attempts { get; set; }

        /// <summary>The REST request served on this async flow (set by <see cref="Rest.RestAccessLog"/>); null for gRPC.</summary>
        internal static State? Current
        {
            get => Ambient.Value;
            set => Ambient.Value = value;
        }
    }
}
