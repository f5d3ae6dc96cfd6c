using ModelMesh.Registry.Tests.Infrastructure;
using static ModelMesh.Registry.Tests.Contract.RegistryRecords;

namespace ModelMesh.Registry.Tests.Redis;

/// <summary>The Redis registry across a crash and restart of redis-server (AOF on), and when Redis is absent.</summary>
public sealed class RedisMeshRegistryRestartTests
{
    private static RedisMeshRegistry Registry(string url) => new(new RedisRegistryOptions
    {
        Connection = url,
        WatchPollInterval = TimeSpan.FromMilliseconds(500),
        Client = new RedisClientOptions
        {
            CommandTimeout = TimeSpan.FromSeconds(5),
            ConnectTimeout = TimeSpan.FromSeconds(1),
            ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        },
    });

    [Fact]
    public async Task Operations_RedisKilledThenRestarted_UnavailableThenRecoverWithData()
    {
        using var server = RedisServer.Start(appendOnly: true);
        await using var registry = Registry(server.Url);
        Assert.Equal(RegisterOutcome.Created, (await registry.RegisterModelAsync(Model("m1"))).Outcome);

        server.Kill();
        await Assert.ThrowsAsync<RegistryUnavailableException>(() => registry.GetModelAsync("m1"));
        await Assert.ThrowsAsync<RegistryUnavailableException>(() => registry.RegisterModelAsync(Model("m2")));
        server.Restart();

        await Eventually.TrueAsync(async () => await Succeeds(() => registry.PingAsync()), TimeSpan.FromSeconds(10), "registry reconnects");
        Assert.NotNull(await registry.GetModelAsync("m1"));
        Assert.Equal(RegisterOutcome.Created, (await registry.RegisterModelAsync(Model("m2"))).Outcome); // scripts reloaded after NOSCRIPT
        Assert.Equal(RegisterOutcome.Unchanged, (await registry.RegisterModelAsync(Model("m1"))).Outcome);
    }

    [Fact]
    public async Task WatchAsync_RedisKilled_ThrowsUnavailable()
    {
        using var server = RedisServer.Start(appendOnly: true);
        await using var registry = Registry(server.Url);
        var position = (await registry.GetSnapshotAsync()).StreamPosition;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var watch = Task.Run(async () =>
        {
            await foreach (var unused in registry.WatchAsync(position, cts.Token))
            {
            }
        });
        await Task.Delay(100);

        server.Kill();

        await Assert.ThrowsAsync<RegistryUnavailableException>(() => watch);
    }

    [Fact]
    public async Task WatchAsync_RedisLostItsData_ThrowsGap()
    {
        using var server = RedisServer.Start(appendOnly: false);
        await using var registry = Registry(server.Url);
        await registry.RegisterModelAsync(Model("m1"));
        var position = (await registry.GetSnapshotAsync()).StreamPosition;

        server.Kill();
        server.Restart();
        await Eventually.TrueAsync(async () => await Succeeds(() => registry.PingAsync()), TimeSpan.FromSeconds(10), "registry reconnects");

        await Assert.ThrowsAsync<RegistryStreamGapException>(
            () => Eventually.TakeAsync(ct => registry.WatchAsync(position, ct), 1, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task PingAsync_NoRedis_ThrowsUnavailableWithinConnectTimeout()
    {
        using var server = RedisServer.Start();
        server.Kill();
        await using var registry = RegistryFactory.Create(server.Url, configureRedis: o => o.Client.ConnectTimeout = TimeSpan.FromSeconds(1));
        var started = DateTime.UtcNow;

        await Assert.ThrowsAsync<RegistryUnavailableException>(() => registry.PingAsync());

        Assert.IsType<RedisMeshRegistry>(registry);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(3));
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
