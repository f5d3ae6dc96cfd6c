using System.Net.Http;
using System.Net.Sockets;

namespace ModelMesh.Grpc.Tests;

public class ClientErrorMapperTests
{
    [Theory]
    [InlineData(0x7L, StatusCode.Unavailable)]
    [InlineData(0x8L, StatusCode.Cancelled)]
    [InlineData(0xBL, StatusCode.ResourceExhausted)]
    [InlineData(0xCL, StatusCode.PermissionDenied)]
    [InlineData(0x1L, StatusCode.Internal)]
    public void FromException_StreamResetInsideRequestException_MapsResetCode(long errorCode, StatusCode expected)
    {
        var reset = new HttpProtocolException(errorCode, "stream reset", null);
        var exception = new HttpRequestException("request failed", reset);

        Assert.Equal(expected, ClientErrorMapper.FromException(exception).StatusCode);
    }

    [Fact]
    public void FromException_ConnectionRefused_Unavailable()
    {
        var exception = new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused));

        Assert.Equal(StatusCode.Unavailable, ClientErrorMapper.FromException(exception).StatusCode);
    }

    [Fact]
    public void FromException_ResponseEndedMidBody_Unavailable()
    {
        var exception = new HttpIOException(HttpRequestError.ResponseEnded, "connection closed");

        Assert.Equal(StatusCode.Unavailable, ClientErrorMapper.FromException(exception).StatusCode);
    }

    [Fact]
    public void FromException_UnexpectedException_Internal()
    {
        Assert.Equal(StatusCode.Internal, ClientErrorMapper.FromException(new InvalidOperationException("bug")).StatusCode);
    }
}
