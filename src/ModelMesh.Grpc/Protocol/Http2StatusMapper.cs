using System.Net;

namespace ModelMesh.Grpc;

/// <summary>
/// Maps transport-level failures to gRPC codes: RST_STREAM/GOAWAY error codes (PROTOCOL-HTTP2 "Errors")
/// and non-200 HTTP statuses from broken intermediaries (grpc/grpc doc/http-grpc-status-mapping.md).
/// </summary>
internal static class Http2StatusMapper
{
    public const long RefusedStream = 0x7;
    public const long Cancel = 0x8;
    public const long EnhanceYourCalm = 0xB;
    public const long InadequateSecurity = 0xC;

    public static StatusCode FromHttp2ErrorCode(long errorCode) => errorCode switch
    {
        RefusedStream => StatusCode.Unavailable,
        Cancel => StatusCode.Cancelled,
        EnhanceYourCalm => StatusCode.ResourceExhausted,
        InadequateSecurity => StatusCode.PermissionDenied,
        _ => StatusCode.Internal,
    };

    public static StatusCode FromHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => StatusCode.Internal,
        HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
        HttpStatusCode.NotFound => StatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };
}
