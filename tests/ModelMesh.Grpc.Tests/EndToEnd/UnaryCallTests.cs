using System.Text;
using Google.Protobuf.WellKnownTypes;

namespace ModelMesh.Grpc.Tests;

/// <summary>Our client against our server over real loopback sockets: success paths, statuses, metadata.</summary>
public class UnaryCallTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    public static TheoryData<StatusCode> ErrorCodes()
    {
        var data = new TheoryData<StatusCode>();
        foreach (var code in System.Enum.GetValues<StatusCode>().Where(c => c != StatusCode.OK))
        {
            data.Add(code);
        }

        return data;
    }

    [Fact]
    public async Task RawUnaryCallAsync_Echo_ReturnsSameBytes()
    {
        using var channel = fixture.Server.CreateChannel();
        var payload = TestMethods.Pattern(1000);

        var result = await channel.RawUnaryCallAsync(TestMethods.Echo, payload);

        Assert.Equal(payload, result.Response.ToArray());
        Assert.Equal(0, result.Trailers.Count);
    }

    [Fact]
    public async Task RawUnaryCallAsync_EmptyMessage_ReturnsEmptyMessage()
    {
        using var channel = fixture.Server.CreateChannel();

        var result = await channel.RawUnaryCallAsync(TestMethods.Echo, ReadOnlyMemory<byte>.Empty);

        Assert.True(result.Response.IsEmpty);
    }

    [Fact]
    public async Task UnaryCallAsync_ProtobufMethod_RoundTrips()
    {
        using var channel = fixture.Server.CreateChannel();

        var response = await channel.UnaryCallAsync(TestMethods.Upper, new StringValue { Value = "model-7" });

        Assert.Equal("MODEL-7", response.Value);
    }

    [Theory]
    [MemberData(nameof(ErrorCodes))]
    public async Task RawUnaryCallAsync_HandlerThrowsRpcException_ClientSeesCodeUnicodeDetailAndTrailers(StatusCode code)
    {
        using var channel = fixture.Server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.RawUnaryCallAsync(TestMethods.Fail, TestMethods.FailRequest(code, TestMethods.UnicodeDetail)));

        Assert.Equal(code, error.StatusCode);
        Assert.Equal(TestMethods.UnicodeDetail, error.Status.Detail);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, error.Trailers.GetValueBytes("detail-bin"));
    }

    [Fact]
    public async Task RawUnaryCallAsync_HandlerSetsStatus_ClientSeesStatusWithoutServerException()
    {
        using var channel = fixture.Server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.RawUnaryCallAsync(TestMethods.SetStatus, new byte[] { 1 }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("no such model", error.Status.Detail);
    }

    [Fact]
    public async Task RawUnaryCallAsync_HandlerThrowsOtherException_UnknownWithGenericMessageAndServerStaysUp()
    {
        using var channel = fixture.Server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.RawUnaryCallAsync(TestMethods.Throw, new byte[] { 1 }));
        var after = await channel.RawUnaryCallAsync(TestMethods.Echo, new byte[] { 42 });

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.DoesNotContain("secret", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(new byte[] { 42 }, after.Response.ToArray());
    }

    [Fact]
    public async Task RawUnaryCallAsync_UnknownMethod_Unimplemented()
    {
        using var channel = fixture.Server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.RawUnaryCallAsync(TestMethods.Unknown, new byte[] { 1 }));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains(TestMethods.Unknown, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawUnaryCallAsync_CustomAndBinaryMetadata_FlowBothWays()
    {
        using var channel = fixture.Server.CreateChannel();
        var headers = new Metadata { { "x-echo", "hello" }, { "x-data-bin", new byte[] { 0, 255, 16 } } };

        var result = await channel.RawUnaryCallAsync(TestMethods.Headers, new byte[] { 1 }, new CallOptions(headers));

        Assert.Equal("hello|00FF10", Encoding.UTF8.GetString(result.Response.Span));
        Assert.Equal("from-server", result.ResponseHeaders.GetValue("x-header"));
        Assert.Equal("trailer-value", result.Trailers.GetValue("x-trailer"));
        Assert.Equal(new byte[] { 9, 8, 7 }, result.Trailers.GetValueBytes("x-trailer-bin"));
    }

    [Fact]
    public async Task RawUnaryCallAsync_TwentyMebibyteMessage_RoundTrips()
    {
        using var channel = fixture.Server.CreateChannel();
        var payload = TestMethods.Pattern(20 * 1024 * 1024);

        var result = await channel.RawUnaryCallAsync(TestMethods.Echo, payload);

        Assert.True(payload.AsSpan().SequenceEqual(result.Response.Span));
    }

    [Fact]
    public async Task RawUnaryCallAsync_ManyConcurrentCalls_AllSucceed()
    {
        using var channel = fixture.Server.CreateChannel();

        var calls = Enumerable.Range(0, 300).Select(async i =>
        {
            var payload = BitConverter.GetBytes(i);
            var result = await channel.RawUnaryCallAsync(TestMethods.Echo, payload);
            return BitConverter.ToInt32(result.Response.Span);
        });

        Assert.Equal(Enumerable.Range(0, 300), await Task.WhenAll(calls));
    }
}
