using Grpc.Core;

namespace ModelMesh.Serving;

/// <summary>Maps gRPC status codes to the HTTP status the REST endpoints return (docs/architecture.md, Error codes).</summary>
public static class HttpStatusCodes
{
    public static int FromGrpc(StatusCode code) => code switch
    {
        StatusCode.OK => 200,
        StatusCode.InvalidArgument or StatusCode.OutOfRange => 400,
        StatusCode.FailedPrecondition => 400,
        StatusCode.NotFound => 404,
        StatusCode.AlreadyExists or StatusCode.Aborted => 409,
        StatusCode.ResourceExhausted => 413,
        StatusCode.Unimplemented => 501,
        StatusCode.Unavailable => 503,
        StatusCode.DeadlineExceeded => 504,
        StatusCode.Cancelled => 499,
        StatusCode.Unauthenticated => 401,
        StatusCode.PermissionDenied => 403,
        _ => 500,
    };
}
