using ModelMesh.Registry.Resp;
using ModelMesh.Registry.Tests.Infrastructure;

namespace ModelMesh.Registry.Tests.Resp;

/// <summary>The client against servers of its own: passwords, a paused server, a killed one, nothing listening.</summary>
public sealed class RespServerFailureTests
{
    private static readonly RespClientOptions FastOptions = new()
    {
        CommandTimeout = TimeSpan.FromSeconds(5),
        ConnectTimeout = TimeSpan.FromSeconds(1),
        ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task PingAsync_RightPassword_Succeeds()
    {
        using var server = RedisServer.Start(false, "--requirepass", "s3cret");
        await using var passwordOnly = new RespClient(RespEndpoint.Parse($"redis://:s3cret@127.0.0.1:{server.Port}"));
        await using var withUser = new RespClient(RespEndpoint.Parse($"redis://default:s3cret@127.0.0.1:{server.Port}/2"));

        await passwordOnly.PingAsync();
        await withUser.ExecuteAsync("SET", "k", "in-db-2");
        Assert.True((await passwordOnly.ExecuteAsync("GET", "k")).IsNull);
    }

    [Fact]
    public async Task PingAsync_WrongOrNoPassword_ConnectionRefusedWithServerReason()
    {
        using var server = RedisServer.Start(false, "--requirepass", "s3cret");
        await using var wrong = new RespClient(RespEndpoint.Parse($"redis://:nope@127.0.0.1:{server.Port}"), FastOptions);
        await using var none = new RespClient(RespEndpoint.Parse($"redis://127.0.0.1:{server.Port}"), FastOptions);

        var error = await Assert.ThrowsAsync<RespConnectionException>(() => wrong.PingAsync());
        Assert.Contains("WRONGPASS", error.Message, StringComparison.Ordinal);
        var noAuth = await Assert.ThrowsAsync<RespErrorException>(() => none.PingAsync());
        Assert.Equal("NOAUTH", noAuth.Prefix);
    }

    [Fact]
    public async Task ExecuteAsync_ServerPaused_TimesOutThenRecovers()
    {
        using var server = RedisServer.Start();
        await using var pauser = new RespClient(RespEndpoint.Parse(server.Url));
        await using var client = new RespClient(RespEndpoint.Parse(server.Url), new RespClientOptions { CommandTimeout = TimeSpan.FromMilliseconds(300) });
        await Eventually.TrueAsync(async () => await Succeeds(() => client.PingAsync()), TimeSpan.FromSeconds(10), "connected and warm");

        await pauser.ExecuteAsync("CLIENT", "PAUSE", "1000", "ALL");
        var started = DateTime.UtcNow;
        await Assert.ThrowsAsync<RespTimeoutException>(() => client.ExecuteAsync("GET", "k"));
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));

        await Eventually.TrueAsync(async () => await Succeeds(() => client.PingAsync()), TimeSpan.FromSeconds(10), "commands work after the pause");
    }

    [Fact]
    public async Task PingAsync_NothingListening_FailsWithinConnectTimeout()
    {
        using var server = RedisServer.Start();
        server.Kill();
        await using var client = new RespClient(RespEndpoint.Parse(server.Url), FastOptions);
        var started = DateTime.UtcNow;

        await Assert.ThrowsAsync<RespConnectionException>(() => client.PingAsync());

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task ExecuteAsync_ServerKilledAndRestarted_FailsThenReconnects()
    {
        using var server = RedisServer.Start(appendOnly: true);
        await using var client = new RespClient(RespEndpoint.Parse(server.Url), FastOptions);
        await client.ExecuteAsync("SET", "k", "before");

        server.Kill();
        await Assert.ThrowsAnyAsync<RespException>(() => client.ExecuteAsync("GET", "k"));
        await Assert.ThrowsAnyAsync<RespException>(() => client.ExecuteAsync("GET", "k"));
        server.Restart();

        await Eventually.TrueAsync(async () => await Succeeds(() => client.PingAsync()), TimeSpan.FromSeconds(10), "reconnects");
        Assert.Equal("before", (await client.ExecuteAsync("GET", "k")).AsString());
    }

    private static async Task<bool> Succeeds(Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (RespException)
        {
            return false;
        }
    }
}
