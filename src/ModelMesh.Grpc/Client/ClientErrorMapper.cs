using System.Net.Http;
using System.Net.Sockets;

namespace ModelMesh.Grpc;

/// <summary>
/// Maps transport exceptions to statuses: RST_STREAM codes as PROTOCOL-HTTP2 lists them (REFUSED_STREAM ->
/// UNAVAILABLE, CANCEL -> CANCELLED, ENHANCE_YOUR_CALM -> RESOURCE_EXHAUSTED), connection failures -> UNAVAILABLE.
/// </summary>
internal static class ClientErrorMapper
{
    public static Status FromException(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpProtocolException protocol)
            {
                var code = Http2StatusMapper.FromHttp2ErrorCode(protocol.ErrorCode);
                return new Status(code, $"HTTP/2 stream error 0x{protocol.ErrorCode:x}: {protocol.Message}");
            }
        }

        return exception switch
        {
            HttpRequestException or HttpIOException or IOException or SocketException =>
                new Status(StatusCode.Unavailable, $"Error connecting to or reading from the server: {exception.Message}"),
            _ => new Status(StatusCode.Internal, $"Error starting gRPC call: {exception.GetType().Name}: {exception.Message}"),
        };
    }
}
