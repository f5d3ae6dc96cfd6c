using ModelMesh.Contracts.Management;
using ModelMesh.Grpc;

namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary>The names the CLI prints for gRPC status codes and model states (the wire names: NOT_FOUND, LOADED...).</summary>
internal static class StatusNames
{
    public static string Of(StatusCode code) => code switch
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
        _ => ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string Of(ModelStatus status) => status switch
    {
        ModelStatus.NotFound => "NOT_FOUND",
        ModelStatus.NotLoaded => "NOT_LOADED",
        ModelStatus.Loading => "LOADING",
        ModelStatus.Loaded => "LOADED",
        ModelStatus.LoadingFailed => "LOADING_FAILED",
        _ => "UNKNOWN",
    };
}
