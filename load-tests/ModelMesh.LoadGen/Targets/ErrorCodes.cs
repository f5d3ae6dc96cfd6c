using ModelMesh.Grpc;

namespace ModelMesh.LoadGen.Targets;

/// <summary>The names errors are counted under: gRPC status names in upper snake case, "HTTP nnn", client-side classes.</summary>
public static class ErrorCodes
{
    public const string ClientDeadline = "DEADLINE_EXCEEDED";
    public const string Cancelled = "CANCELLED";

    public static string Grpc(StatusCode code) => code switch
    {
        StatusCode.OK => "OK",
        StatusCode.Cancelled => "CANCELLED",
        StatusCode.Unknown => "UNKNOWN",
        StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        StatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        StatusCode.NotFound => "NOT_FOUND",
        StatusCode.AlreadyExists => "ALREADY_EXISTS",
        StatusCode.PermissionDenied => "PERMISSION_DENIED",
        StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        StatusCode.Aborted => "ABORTED",
        StatusCode.OutOfRange => "OUT_OF_RANGE",
        StatusCode.Unimplemented => "UNIMPLEMENTED",
        StatusCode.Internal => "INTERNAL",
        StatusCode.Unavailable => "UNAVAILABLE",
        StatusCode.DataLoss => "DATA_LOSS",
        StatusCode.Unauthenticated => "UNAUTHENTICATED",
        _ => "STATUS_" + ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string Http(int status) => "HTTP " + status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Transport(string kind) => "TRANSPORT_" + kind.ToUpperInvariant();
}
