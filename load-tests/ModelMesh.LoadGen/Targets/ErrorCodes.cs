using Grpc.Core;
using Grpc.Net.Client;
using ModelMesh.Serving.Grpc;

namespace ModelMesh.LoadGen.Targets;

/// <summary>The names errors are counted under: gRPC status names in upper snake case, "HTTP nnn", client-side classes.</summary>
public static class ErrorCodes
{
    public const string ClientDeadline = "DEADLINE_EXCEEDED";
    public const string Cancelled = "CANCELLED";

    public static string Grpc(StatusCode code) => StatusCodeNames.Of(code);

    public static string Http(int status) => "HTTP " + status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Transport(string kind) => "TRANSPORT_" + kind.ToUpperInvariant();
}
