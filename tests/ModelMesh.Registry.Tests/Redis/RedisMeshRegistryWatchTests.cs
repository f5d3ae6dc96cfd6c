using System.Diagnostics;
using StackExchange.Redis;
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
    public async Task WatchAsync_EventsOfAnOlderVersion_SkippedAndLaterEventsSeen()
    {
        var prefix = $"t{Guid.NewGuid():N}:";
        await using var registry = Registry(prefix, TimeSpan.FromSeconds(5));
        var position = (await registry.GetSnapshotAsync()).StreamPosition;

        // what a version with silo leases and copy records wrote into the same stream before an upgrade
        await RawRedis.ExecuteAsync(redis.Url, "XADD", prefix + "events", "*", "k", "CopyChanged", "key", "m0", "s", "silo-1");
        await RawRedis.ExecuteAsync(redis.Url, "XADD", prefix + "events", "*", "k", "SiloRemoved", "key", "silo-1");
        await registry.RegisterModelAsync(Model("m1"));

        var events = await Eventually.TakeAsync(ct => registry.WatchAsync(position, ct), 1, WaitLimit);
        Assert.Equal((RegistryEventKind.ModelRegistered, "m1"), (Assert.Single(events).Kind, events[0].Key));
    }

    [Fact]
    public async Task Mutations_EveryKind_WriteOnlyModelsVModelsAndTheStream()
    {
        var prefix = $"t{Guid.NewGuid():N}:";
        await using var registry = Registry(prefix, TimeSpan.FromSeconds(5));
        await registry.RegisterModelAsync(Model("m1"));
        await registry.RegisterModelAsync(Model("m2"));
        await registry.SetVModelAsync(new VModelRecord("v1", "m1", null, DateTimeOffset.UnixEpoch));
        await registry.SetVModelAsync(new VModelRecord("v2", "m2", null, DateTimeOffset.UnixEpoch));
        await registry.UnregisterModelAsync("m2");
        await registry.DeleteVModelAsync("v2");

        var keys = (RedisResult[])(await RawRedis.ExecuteAsync(redis.Url, "KEYS", prefix + "*"))!;

        Assert.Equal([prefix + "events", prefix + "models", prefix + "vmodels"], keys.Select(k => (string)k!).Order(StringComparer.Ordinal));
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
