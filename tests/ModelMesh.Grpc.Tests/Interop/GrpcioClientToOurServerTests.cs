using System.Globalization;

namespace ModelMesh.Grpc.Tests;

/// <summary>Debian's python3-grpcio as the client, our server on Kestrel.</summary>
public class GrpcioClientToOurServerTests(InteropServerFixture fixture) : IClassFixture<InteropServerFixture>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Echo_SmallMessage_Succeeds()
    {
        var result = await PythonGrpc.RunClientAsync(fixture.Target, "echo", "1000");

        Assert.Equal(0, result.GetProperty("code").GetInt32());
        Assert.True(result.GetProperty("match").GetBoolean());
    }

    [Fact]
    public async Task Echo_TwentyMebibyteMessage_Succeeds()
    {
        var result = await PythonGrpc.RunClientAsync(fixture.Target, "echo", (20 * 1024 * 1024).ToString(CultureInfo.InvariantCulture));

        Assert.Equal(20 * 1024 * 1024, result.GetProperty("length").GetInt32());
        Assert.True(result.GetProperty("match").GetBoolean());
    }

    [Fact]
    public async Task Echo_GzipRequestAndGzipResponse_Succeeds()
    {
        var echo = await PythonGrpc.RunClientAsync(fixture.Target, "echo", "300000", "gzip");
        var encoding = await PythonGrpc.RunClientAsync(fixture.Target, "encoding");

        Assert.True(echo.GetProperty("match").GetBoolean());
        Assert.Equal("gzip", encoding.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Fail_EveryErrorCode_GrpcioSeesCodeUnicodeDetailAndBinaryTrailer()
    {
        var result = await PythonGrpc.RunClientAsync(fixture.Target, "statuses");

        var results = result.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(16, results.Count);
        Assert.All(results, r =>
        {
            Assert.Equal(r.GetProperty("expected").GetInt32(), r.GetProperty("code").GetInt32());
            Assert.Equal(TestMethods.UnicodeDetail, r.GetProperty("details").GetString());
            Assert.Equal("000102ff", r.GetProperty("trailer").GetString());
        });
    }

    [Fact]
    public async Task Wait_GrpcioDeadlinePasses_DeadlineExceededAndHandlerTokenFires()
    {
        var (id, probe) = CallProbe.Create();

        var result = await PythonGrpc.RunClientAsync(fixture.Target, "deadline", id);

        Assert.Equal((int)StatusCode.DeadlineExceeded, result.GetProperty("code").GetInt32());
        await probe.TokenFired.Task.WaitAsync(Generous);
        Assert.NotEqual(DateTime.MaxValue, probe.Deadline);
    }

    [Fact]
    public async Task Wait_GrpcioCancels_CancelledAndHandlerTokenFires()
    {
        var (id, probe) = CallProbe.Create();
        using var client = PythonGrpc.Start("grpc_client.py", fixture.Target, "cancel", id);
        var output = client.StandardOutput.ReadToEndAsync();

        await probe.Started.Task.WaitAsync(Generous);
        await client.StandardInput.WriteLineAsync("cancel");
        await client.StandardInput.FlushAsync();
        var result = await PythonGrpc.CompleteAsync(client, output);

        Assert.Equal((int)StatusCode.Cancelled, result.GetProperty("code").GetInt32());
        await probe.TokenFired.Task.WaitAsync(Generous);
    }

    [Fact]
    public async Task UnknownMethod_Unimplemented()
    {
        var result = await PythonGrpc.RunClientAsync(fixture.Target, "unknown");

        Assert.Equal((int)StatusCode.Unimplemented, result.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Echo_OverEitherLimit_ResourceExhausted()
    {
        var result = await PythonGrpc.RunClientAsync(
            fixture.Target, "overlimit", InteropServerFixture.MaxReceiveMessageSize.ToString(CultureInfo.InvariantCulture));

        Assert.Equal((int)StatusCode.ResourceExhausted, result.GetProperty("server_code").GetInt32());
        Assert.Equal((int)StatusCode.ResourceExhausted, result.GetProperty("client_code").GetInt32());
    }

    [Fact]
    public async Task Headers_CustomAndBinaryMetadata_FlowBothWays()
    {
        var result = await PythonGrpc.RunClientAsync(fixture.Target, "metadata");

        Assert.Equal("hello|00FF10", result.GetProperty("response").GetString());
        Assert.Equal("from-server", result.GetProperty("header").GetString());
        Assert.Equal("trailer-value", result.GetProperty("trailer").GetString());
        Assert.Equal("090807", result.GetProperty("trailer_bin").GetString());
    }
}
