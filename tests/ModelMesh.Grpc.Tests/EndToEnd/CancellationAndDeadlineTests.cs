using System.Text;

namespace ModelMesh.Grpc.Tests;

/// <summary>Deadlines and cancellation, driven by fake clocks where a clock decides.</summary>
public class CancellationAndDeadlineTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RawUnaryCallAsync_ServerClockPassesDeadline_HandlerTokenFiresAndClientGetsDeadlineExceeded()
    {
        var serverClock = new ManualTimeProvider();
        await using var server = await GrpcTestServer.StartAsync(timeProvider: serverClock);
        using var channel = server.CreateChannel();
        var (id, probe) = CallProbe.Create();

        var call = channel.RawUnaryCallAsync(TestMethods.Wait, Encoding.ASCII.GetBytes(id), new CallOptions(Deadline: DateTime.UtcNow.AddHours(1)));
        await probe.Started.Task.WaitAsync(Generous);
        serverClock.Advance(TimeSpan.FromHours(2));

        var error = await Assert.ThrowsAsync<RpcException>(() => call);
        await probe.TokenFired.Task.WaitAsync(Generous);
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.InRange(probe.Deadline, serverClock.GetUtcNow().UtcDateTime.AddHours(-1.1), serverClock.GetUtcNow().UtcDateTime.AddHours(-0.9));
    }

    [Fact]
    public async Task RawUnaryCallAsync_ClientClockPassesDeadline_ClientGetsDeadlineExceededAndServerTokenFires()
    {
        var clientClock = new ManualTimeProvider();
        using var channel = fixture.Server.CreateChannel(new GrpcChannelOptions { TimeProvider = clientClock });
        var (id, probe) = CallProbe.Create();

        var deadline = clientClock.GetUtcNow().UtcDateTime.AddMinutes(10);
        var call = channel.RawUnaryCallAsync(TestMethods.Wait, Encoding.ASCII.GetBytes(id), new CallOptions(Deadline: deadline));
        await probe.Started.Task.WaitAsync(Generous);
        clientClock.Advance(TimeSpan.FromMinutes(11));

        var error = await Assert.ThrowsAsync<RpcException>(() => call);
        await probe.TokenFired.Task.WaitAsync(Generous);
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.NotEqual(DateTime.MaxValue, probe.Deadline);
    }

    [Fact]
    public async Task RawUnaryCallAsync_DeadlineAlreadyPassed_FailsWithoutSending()
    {
        using var channel = fixture.Server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.RawUnaryCallAsync(TestMethods.Echo, new byte[] { 1 }, new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(-1))));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task RawUnaryCallAsync_NoDeadline_ServerSeesMaxValue()
    {
        using var channel = fixture.Server.CreateChannel();
        var (id, probe) = CallProbe.Create();
        using var cancel = new CancellationTokenSource();

        var call = channel.RawUnaryCallAsync(TestMethods.Wait, Encoding.ASCII.GetBytes(id), new CallOptions(CancellationToken: cancel.Token));
        await probe.Started.Task.WaitAsync(Generous);
        await cancel.CancelAsync();

        await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(DateTime.MaxValue, probe.Deadline);
    }

    [Fact]
    public async Task RawUnaryCallAsync_CallerCancels_ClientGetsCancelledAndServerTokenFires()
    {
        using var channel = fixture.Server.CreateChannel();
        var (id, probe) = CallProbe.Create();
        using var cancel = new CancellationTokenSource();

        var call = channel.RawUnaryCallAsync(TestMethods.Wait, Encoding.ASCII.GetBytes(id), new CallOptions(CancellationToken: cancel.Token));
        await probe.Started.Task.WaitAsync(Generous);
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call);
        await probe.TokenFired.Task.WaitAsync(Generous);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task RawUnaryCallAsync_AlreadyCancelledToken_Cancelled()
    {
        using var channel = fixture.Server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.RawUnaryCallAsync(TestMethods.Echo, new byte[] { 1 }, new CallOptions(CancellationToken: new CancellationToken(true))));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }
}
