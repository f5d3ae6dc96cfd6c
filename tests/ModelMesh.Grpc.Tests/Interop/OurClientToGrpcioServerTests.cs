using System.Globalization;
using System.Text;

namespace ModelMesh.Grpc.Tests;

/// <summary>Our client against Debian's python3-grpcio as the server.</summary>
public class OurClientToGrpcioServerTests(PythonServerFixture fixture) : IClassFixture<PythonServerFixture>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    public static TheoryData<StatusCode> ErrorCodes() => UnaryCallTests.ErrorCodes();

    [Fact]
    public async Task RawUnaryCallAsync_Echo_Succeeds()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Address);

        var result = await channel.RawUnaryCallAsync("/test.Echo/Echo", TestMethods.Pattern(1000));

        Assert.Equal(TestMethods.Pattern(1000), result.Response.ToArray());
    }

    [Fact]
    public async Task RawUnaryCallAsync_TwentyMebibyteMessage_Succeeds()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Address);
        var payload = TestMethods.Pattern(20 * 1024 * 1024);

        var result = await channel.RawUnaryCallAsync("/test.Echo/Echo", payload);

        Assert.True(payload.AsSpan().SequenceEqual(result.Response.Span));
    }

    [Fact]
    public async Task RawUnaryCallAsync_GzipRequestAndGzipResponse_Succeeds()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Address, new GrpcChannelOptions { SendCompression = "gzip" });
        var payload = TestMethods.Pattern(300_000);

        var echo = await channel.RawUnaryCallAsync("/test.Echo/Echo", payload);
        var gzipped = await channel.RawUnaryCallAsync("/test.Echo/EchoGzip", payload);

        Assert.Equal(payload, echo.Response.ToArray());
        Assert.Equal(payload, gzipped.Response.ToArray());
        Assert.Equal("gzip", gzipped.ResponseHeaders.GetValue("grpc-encoding"));
    }

    [Theory]
    [MemberData(nameof(ErrorCodes))]
    public async Task RawUnaryCallAsync_GrpcioAborts_CodeUnicodeDetailAndBinaryTrailer(StatusCode code)
    {
        using var channel = GrpcChannel.ForAddress(fixture.Address);

        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.RawUnaryCallAsync("/test.Echo/Fail", TestMethods.FailRequest(code, TestMethods.UnicodeDetail)));

        Assert.Equal(code, error.StatusCode);
        Assert.Equal(TestMethods.UnicodeDetail, error.Status.Detail);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, error.Trailers.GetValueBytes("detail-bin"));
    }

    [Fact]
    public async Task RawUnaryCallAsync_ClientClockPassesDeadline_DeadlineExceededAndGrpcioCallEnds()
    {
        var clock = new ManualTimeProvider();
        using var channel = GrpcChannel.ForAddress(fixture.Address, new GrpcChannelOptions { TimeProvider = clock });
        var id = Guid.NewGuid().ToString("N");

        var call = channel.RawUnaryCallAsync("/test.Echo/Wait", Encoding.ASCII.GetBytes(id), new CallOptions(Deadline: clock.GetUtcNow().UtcDateTime.AddMinutes(10)));
        await fixture.Events.WaitForAsync(line => line == "STARTED " + id, Generous);
        clock.Advance(TimeSpan.FromMinutes(11));

        var error = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await fixture.Events.WaitForAsync(line => line == "ENDED " + id, Generous);
    }

    [Fact]
    public async Task RawUnaryCallAsync_ShortRealDeadline_DeadlineExceeded()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Address);
        var id = Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.RawUnaryCallAsync("/test.Echo/Wait", Encoding.ASCII.GetBytes(id), new CallOptions(Deadline: DateTime.UtcNow.AddMilliseconds(300))));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await fixture.Events.WaitForAsync(line => line == "ENDED " + id, Generous);
    }

    [Fact]
    public async Task RawUnaryCallAsync_CallerCancels_CancelledAndGrpcioCallEnds()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Address);
        using var cancel = new CancellationTokenSource();
        var id = Guid.NewGuid().ToString("N");

        var call = channel.RawUnaryCallAsync("/test.Echo/Wait", Encoding.ASCII.GetBytes(id), new CallOptions(CancellationToken: cancel.Token));
        await fixture.Events.WaitForAsync(line => line == "STARTED " + id, Generous);
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await fixture.Events.WaitForAsync(line => line == "ENDED " + id, Generous);
    }

    [Fact]
    public async Task RawUnaryCallAsync_UnknownMethod_Unimplemented()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.RawUnaryCallAsync("/test.Echo/Nope", new byte[] { 1 }));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task RawUnaryCallAsync_RequestOverGrpcioLimit_ResourceExhausted()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Address);

        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.RawUnaryCallAsync("/test.Echo/Echo", new byte[PythonServerFixture.MaxReceiveMessageSize + 1]));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task RawUnaryCallAsync_ResponseOverClientLimit_ResourceExhausted()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Address, new GrpcChannelOptions { MaxReceiveMessageSize = 1024 * 1024 });

        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.RawUnaryCallAsync("/test.Echo/Size", Encoding.ASCII.GetBytes((1024 * 1024 + 1).ToString(CultureInfo.InvariantCulture))));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task RawUnaryCallAsync_CustomAndBinaryMetadata_FlowBothWays()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Address);
        var headers = new Metadata { { "x-echo", "hello" }, { "x-data-bin", new byte[] { 0, 255, 16 } } };

        var result = await channel.RawUnaryCallAsync("/test.Echo/Headers", new byte[] { 1 }, new CallOptions(headers));

        Assert.Equal("hello|00FF10", Encoding.UTF8.GetString(result.Response.Span));
        Assert.Equal("from-python", result.ResponseHeaders.GetValue("x-header"));
        Assert.Equal("trailer-value", result.Trailers.GetValue("x-trailer"));
        Assert.Equal(new byte[] { 9, 8, 7 }, result.Trailers.GetValueBytes("x-trailer-bin"));
    }
}
