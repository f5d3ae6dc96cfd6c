using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace ModelMesh.Grpc.Tests;

/// <summary>What the server says to HTTP/2 requests that are not well-formed gRPC, and transport failures on the client.</summary>
public class HttpLevelTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    private static HttpClient CreateHttp2Client() => new(new SocketsHttpHandler { UseProxy = false })
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private static ByteArrayContent Framed(byte[] message, string contentType)
    {
        var framed = new byte[LengthPrefix.Size + message.Length];
        LengthPrefix.Write(framed, compressed: false, message.Length);
        message.CopyTo(framed, LengthPrefix.Size);
        var content = new ByteArrayContent(framed);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    [Theory]
    [InlineData(TestMethods.Echo)]
    [InlineData(TestMethods.Unknown)]
    public async Task Post_NonGrpcContentType_Http415(string path)
    {
        using var client = CreateHttp2Client();

        using var response = await client.PostAsync(new Uri(fixture.Server.Address, path), Framed([1], "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Post_UnknownMethod_TrailersOnlyUnimplemented()
    {
        using var client = CreateHttp2Client();

        using var response = await client.PostAsync(new Uri(fixture.Server.Address, TestMethods.Unknown), Framed([1], "application/grpc"));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("12", response.Headers.GetValues("grpc-status").Single());
        Assert.Empty(body);
    }

    [Fact]
    public async Task Post_UnsupportedGrpcEncoding_UnimplementedAndAdvertisesAcceptEncoding()
    {
        using var client = CreateHttp2Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Server.Address, TestMethods.Echo))
        {
            Content = Framed([1], "application/grpc+proto"),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation("grpc-encoding", "snappy");

        using var response = await client.SendAsync(request);

        Assert.Equal("12", response.Headers.GetValues("grpc-status").Single());
        Assert.Contains("gzip", response.Headers.GetValues("grpc-accept-encoding").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_MessageSplitIntoManyDataFrames_Succeeds()
    {
        using var client = CreateHttp2Client();
        var payload = TestMethods.Pattern(100_000);
        var framed = await Framed(payload, "application/grpc").ReadAsByteArrayAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Server.Address, TestMethods.Echo))
        {
            Content = new TricklingContent(framed, 7),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
        Assert.Equal(payload, body.AsSpan(LengthPrefix.Size).ToArray());
    }

    [Fact]
    public async Task RawUnaryCallAsync_ConnectionRefused_Unavailable()
    {
        var port = ClosedPort();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.RawUnaryCallAsync(TestMethods.Echo, new byte[] { 1 }));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Theory]
    [InlineData(0x7L, StatusCode.Unavailable)]
    [InlineData(0x8L, StatusCode.Cancelled)]
    [InlineData(0xBL, StatusCode.ResourceExhausted)]
    [InlineData(0x2L, StatusCode.Internal)]
    [InlineData(0x0L, StatusCode.Internal)]
    public void FromHttp2ErrorCode_RstStreamCode_MapsAsProtocolSays(long errorCode, StatusCode expected)
    {
        Assert.Equal(expected, Http2StatusMapper.FromHttp2ErrorCode(errorCode));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Writes the body in small pieces with flushes, so it crosses many DATA frames.</summary>
    private sealed class TricklingContent : HttpContent
    {
        private readonly byte[] _data;
        private readonly int _pieceSize;

        public TricklingContent(byte[] data, int pieceSize)
        {
            _data = data;
            _pieceSize = pieceSize;
            Headers.ContentType = MediaTypeHeaderValue.Parse("application/grpc");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < _data.Length; offset += _pieceSize * 1000)
            {
                var end = Math.Min(_data.Length, offset + (_pieceSize * 1000));
                for (var i = offset; i < end; i += _pieceSize)
                {
                    await stream.WriteAsync(_data.AsMemory(i, Math.Min(_pieceSize, end - i)));
                }

                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
