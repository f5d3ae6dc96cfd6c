using ModelMesh.Registry.Tests.Infrastructure;
using StackExchange.Redis;
using static ModelMesh.Registry.Tests.Contract.RegistryRecords;

namespace ModelMesh.Registry.Tests.Redis;

/// <summary>The registry against servers of its own: passwords and databases, a paused server, a cancelled caller.</summary>
public sealed class RedisMeshRegistryServerFailureTests
{
    private static void Fast(RedisRegistryOptions options)
    {
        options.Client.CommandTimeout = TimeSpan.FromSeconds(5);
        options.Client.ConnectTimeout = TimeSpan.FromSeconds(1);
        options.Client.ReconnectMinDelay = TimeSpan.FromMilliseconds(20);
        options.Client.ReconnectMaxDelay = TimeSpan.FromMilliseconds(200);
    }

    [Fact]
    public async Task PingAsync_RightPassword_AuthenticatesAndSelectsTheDatabase()
    {
        using var server = RedisServer.Start(false, "--requirepass", "s3cret");
        await using var passwordOnly = RegistryFactory.Create($"redis://:s3cret@127.0.0.1:{server.Port}");
        await using var withUser = RegistryFactory.Create($"redis://default:s3cret@127.0.0.1:{server.Port}/2");

        await passwordOnly.PingAsync();
        await withUser.RegisterModelAsync(Model("in-db-2"));

        Assert.NotNull(await withUser.GetModelAsync("in-db-2"));
        Assert.Null(await passwordOnly.GetModelAsync("in-db-2"));
    }

    [Fact]
    public async Task PingAsync_WrongOrNoPassword_Unavailable()
    {
        using var server = RedisServer.Start(false, "--requirepass", "s3cret");
        await using var wrong = RegistryFactory.Create($"redis://:nope@127.0.0.1:{server.Port}", configureRedis: Fast);
        await using var none = RegistryFactory.Create($"redis://127.0.0.1:{server.Port}", configureRedis: Fast);

        var refused = await Assert.ThrowsAsync<RegistryUnavailableException>(() => wrong.PingAsync());
        var noAuth = await Assert.ThrowsAsync<RegistryUnavailableException>(() => none.RegisterModelAsync(Model("m1")));

        Assert.IsAssignableFrom<RedisException>(refused.InnerException);
        Assert.IsAssignableFrom<RedisException>(noAuth.InnerException);
    }

    [Fact]
    public async Task GetModelAsync_ServerPaused_UnavailableThenRecovers()
    {
        using var server = RedisServer.Start();
        await using var registry = RegistryFactory.Create(server.Url, configureRedis: o =>
        {
            Fast(o);
            o.Client.CommandTimeout = TimeSpan.FromMilliseconds(300);
        });
        await Eventually.TrueAsync(async () => await Succeeds(() => registry.PingAsync()), TimeSpan.FromSeconds(10), "connected and warm");
        await using var admin = await RawRedis.ConnectAsync(server.Url);

        await admin.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "1500", "ALL");
        var started = DateTime.UtcNow;
        await Assert.ThrowsAsync<RegistryUnavailableException>(() => registry.GetModelAsync("m1"));
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));

        await Eventually.TrueAsync(async () => await Succeeds(() => registry.PingAsync()), TimeSpan.FromSeconds(10), "commands work after the pause");
    }

    [Fact]
    public async Task GetModelAsync_CallerCancels_OperationCanceled()
    {
        using var server = RedisServer.Start();
        await using var registry = RegistryFactory.Create(server.Url, configureRedis: Fast);
        await registry.PingAsync();
        await using var admin = await RawRedis.ConnectAsync(server.Url);
        await admin.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "1000", "ALL");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var started = DateTime.UtcNow;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => registry.GetModelAsync("m1", cts.Token));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2), $"took {DateTime.UtcNow - started}");
    }

    private static async Task<bool> Succeeds(Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (RegistryUnavailableException)
        {
            return false;
        }
    }
}
