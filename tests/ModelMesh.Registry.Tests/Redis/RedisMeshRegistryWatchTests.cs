using System.Diagnostics;
using ModelMesh.Registry.Tests.Infrastructure;
using static ModelMesh.Registry.Tests.Contract.RegistryRecords;

namespace ModelMesh.Registry.Tests.Redis;

/// <summary>
/// How the Redis registry watches: pub/sub hints wake the watchers, a stream read that never blocks runs on the
/// registry's one multiplexer beside every other command, and the poll interval catches an event whose hint was lost.
/// </summary>
public sealed class RedisMeshRegistryWatchTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    private RedisMeshRegistry Registry(string prefix, TimeSpan pollInterval, string? clientName = null) => new(new RedisRegistryOptions
    {
        Connection = redis.Url,
        KeyPrefix = prefix,
        WatchPollInterval = pollInterval,
        Client = new RedisClientOptions { ClientName = clientName },
    });

    [Fact]
    public async Task WatchAsync_EventWithoutHint_SeenAfterThePollInterval()
    {
        var prefix = $"t{Guid.NewGuid():N}:";
        await using var registry = Registry(prefix, TimeSpan.FromMilliseconds(300));
        var position = (await registry.GetSnapshotAsync()).StreamPosition;
        var watch = Eventually.TakeAsync(ct => registry.WatchAsync(position, ct), 1, WaitLimit);
        await Task.Delay(100);

        await RawRedis.ExecuteAsync(redis.Url, "XADD", prefix + "events", "*", "k", "ModelRegistered", "key", "m1"); // no PUBLISH

        Assert.Equal((RegistryEventKind.ModelRegistered, "m1"), (Assert.Single(await watch).Kind, (await watch)[0].Key));
    }

    [Fact]
    public async Task WatchAsync_SeveralIdleWatchers_ShareTheRegistryConnectionWithoutBlockingIt()
    {
        var name = $"mm-watch-{Guid.NewGuid():N}";
        await using var registry = Registry($"t{Guid.NewGuid():N}:", TimeSpan.FromSeconds(30), name);
        var position = (await registry.GetSnapshotAsync()).StreamPosition;
        var watches = Enumerable.Range(0, 3).Select(_ => Eventually.TakeAsync(ct => registry.WatchAsync(position, ct), 2, TimeSpan.FromSeconds(20))).ToList();
        await registry.RegisterModelAsync(Model("m1"));
        await Task.Delay(200); // every watcher has read m1's event and waits for the next hint

        var clock = Stopwatch.StartNew();
        var reads = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => registry.GetModelAsync("m1")));
        var readTime = clock.Elapsed;
        var clients = (string)(await RawRedis.ExecuteAsync(redis.Url, "CLIENT", "LIST"))!;
        await registry.UnregisterModelAsync("m1");

        Assert.All(reads, Assert.NotNull);
        Assert.True(readTime < TimeSpan.FromSeconds(5), $"1,000 reads beside idle watchers took {readTime}");
        Assert.InRange(clients.Split('\n').Count(line => line.Contains($"name={name} ", StringComparison.Ordinal)), 1, 2); // interactive + subscription
        foreach (var watch in watches)
        {
            Assert.Equal([RegistryEventKind.ModelRegistered, RegistryEventKind.ModelUnregistered], (await watch).Select(e => e.Kind));
        }
    }

    [Fact]
    public async Task Mutations_ScriptCacheFlushed_ScriptsSentAgain()
    {
        await using var registry = Registry($"t{Guid.NewGuid():N}:", TimeSpan.FromSeconds(5));
        Assert.Equal(RegisterOutcome.Created, (await registry.RegisterModelAsync(Model("m1"))).Outcome);

        await RawRedis.ExecuteAsync(redis.Url, "SCRIPT", "FLUSH");

        Assert.Equal(RegisterOutcome.Created, (await registry.RegisterModelAsync(Model("m2"))).Outcome);
        Assert.True(await registry.UnregisterModelAsync("m1"));
        Assert.Equal(1, (long)(await RawRedis.ExecuteAsync(redis.Url, "SCRIPT", "EXISTS", Sha1(RedisScripts.RegisterModel)))[0]);
    }

#pragma warning disable CA5350 // Redis names cached scripts by their SHA1
    private static string Sha1(string script) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(script)));
#pragma warning restore CA5350
}
