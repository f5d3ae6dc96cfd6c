using System.Text;

namespace ModelMesh.Grpc.Tests;

/// <summary>grpc-encoding gzip in both directions and message size limits in both directions.</summary>
public class CompressionAndLimitTests
{
    private const int OneMebibyte = 1024 * 1024;

    [Fact]
    public async Task RawUnaryCallAsync_GzipBothWays_ServerSeesGzipAndClientDecompresses()
    {
        await using var server = await GrpcTestServer.StartAsync(o => o.ResponseCompression = "gzip");
        using var channel = server.CreateChannel(new GrpcChannelOptions { SendCompression = "gzip" });
        var payload = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("compressible tensor bytes ", 40_000)));

        var encoding = await channel.RawUnaryCallAsync(TestMethods.Encoding, new byte[] { 1 });
        var echo = await channel.RawUnaryCallAsync(TestMethods.Echo, payload);

        Assert.Equal("gzip", Encoding.ASCII.GetString(encoding.Response.Span));
        Assert.Equal("gzip", echo.ResponseHeaders.GetValue("grpc-encoding"));
        Assert.Equal(payload, echo.Response.ToArray());
    }

    [Fact]
    public async Task RawUnaryCallAsync_ServerWithoutResponseCompression_RespondsUncompressed()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel(new GrpcChannelOptions { SendCompression = "gzip" });

        var echo = await channel.RawUnaryCallAsync(TestMethods.Echo, TestMethods.Pattern(5000));

        Assert.Null(echo.ResponseHeaders.GetValue("grpc-encoding"));
        Assert.Equal(TestMethods.Pattern(5000), echo.Response.ToArray());
    }

    [Fact]
    public async Task RawUnaryCallAsync_RequestOverServerLimit_ResourceExhausted()
    {
        await using var server = await GrpcTestServer.StartAsync(o => o.MaxReceiveMessageSize = OneMebibyte);
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.RawUnaryCallAsync(TestMethods.Echo, new byte[OneMebibyte + 1]));
        var atLimit = await channel.RawUnaryCallAsync(TestMethods.Echo, new byte[OneMebibyte]);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(OneMebibyte, atLimit.Response.Length);
    }

    [Fact]
    public async Task RawUnaryCallAsync_CompressedRequestInflatesOverServerLimit_ResourceExhausted()
    {
        await using var server = await GrpcTestServer.StartAsync(o => o.MaxReceiveMessageSize = OneMebibyte);
        using var channel = server.CreateChannel(new GrpcChannelOptions { SendCompression = "gzip" });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.RawUnaryCallAsync(TestMethods.Echo, new byte[2 * OneMebibyte]));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task RawUnaryCallAsync_ResponseOverServerSendLimit_ResourceExhausted()
    {
        await using var server = await GrpcTestServer.StartAsync(o => o.MaxSendMessageSize = OneMebibyte);
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.RawUnaryCallAsync(TestMethods.Size, Encoding.ASCII.GetBytes((OneMebibyte + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task RawUnaryCallAsync_ResponseOverClientLimit_ResourceExhausted()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = OneMebibyte });

        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.RawUnaryCallAsync(TestMethods.Size, Encoding.ASCII.GetBytes((OneMebibyte + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var after = await channel.RawUnaryCallAsync(TestMethods.Echo, new byte[] { 5 });

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(new byte[] { 5 }, after.Response.ToArray());
    }

    [Fact]
    public async Task RawUnaryCallAsync_RequestOverClientSendLimit_ResourceExhaustedWithoutSending()
    {
        using var channel = GrpcChannel.ForAddress("http://127.0.0.1:1", new GrpcChannelOptions { MaxSendMessageSize = 10 });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.RawUnaryCallAsync(TestMethods.Echo, new byte[11]));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }
}
