using ModelMesh.Registry.Resp;
using ModelMesh.Registry.Tests.Infrastructure;

namespace ModelMesh.Registry.Tests.Resp;

/// <summary>Our RESP client against a real redis-server: pipelining, reply types, scripts, timeouts.</summary>
public sealed class RespClientTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private RespClient NewClient(RespClientOptions? options = null) => new(RespEndpoint.Parse(redis.Url), options);

    [Fact]
    public async Task ExecuteAsync_ThousandConcurrentCommands_RepliesMatchedOnOneConnection()
    {
        await using var client = NewClient();
        var name = $"pipeline-{Guid.NewGuid():N}";
        await client.ExecuteAsync("CLIENT", "SETNAME", name);

        var replies = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => Task.Run(() => client.ExecuteAsync("ECHO", $"value-{i}"))));

        for (var i = 0; i < replies.Length; i++)
        {
            Assert.Equal($"value-{i}", replies[i].AsString());
        }

        var clients = (await client.ExecuteAsync("CLIENT", "LIST")).AsString()!;
        Assert.Single(clients.Split('\n'), line => line.Contains($"name={name} ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_ErrorReply_ThrowsWithServerMessageAndConnectionStaysUsable()
    {
        await using var client = NewClient();
        var key = $"err-{Guid.NewGuid():N}";
        await client.ExecuteAsync("SET", key, "not-a-number");

        var error = await Assert.ThrowsAsync<RespErrorException>(() => client.ExecuteAsync("INCR", key));

        Assert.Equal("ERR", error.Prefix);
        Assert.Contains("not an integer", error.Message, StringComparison.Ordinal);
        Assert.Equal("PONG", (await client.ExecuteAsync("PING")).AsString());
    }

    [Fact]
    public async Task ExecuteAsync_MissingKey_NullBulk()
    {
        await using var client = NewClient();
        var reply = await client.ExecuteAsync("GET", $"missing-{Guid.NewGuid():N}");

        Assert.Equal(RespType.BulkString, reply.Type);
        Assert.True(reply.IsNull);
        Assert.Null(reply.AsString());
    }

    [Fact]
    public async Task ExecuteAsync_IntegersAndUtf8Bulk_Typed()
    {
        await using var client = NewClient();
        var key = $"typed-{Guid.NewGuid():N}";

        Assert.Equal("OK", (await client.ExecuteAsync("SET", key, "héllo\r\n")).AsString());
        Assert.Equal("héllo\r\n", (await client.ExecuteAsync("GET", key)).AsString());
        var integer = await client.ExecuteAsync("STRLEN", key);
        Assert.Equal(RespType.Integer, integer.Type);
        Assert.Equal(8, integer.Integer);
    }

    [Fact]
    public async Task ScriptAsync_NestedArrays_Parsed()
    {
        await using var client = NewClient();
        var script = new RespScript("return {1, {2, 'x', {}}, {false}}");

        var reply = await client.ScriptAsync(script, [], []);

        Assert.Equal(3, reply.Items.Count);
        Assert.Equal(1, reply.Items[0].Integer);
        Assert.Equal(2, reply.Items[1].Items[0].Integer);
        Assert.Equal("x", reply.Items[1].Items[1].AsString());
        Assert.Empty(reply.Items[1].Items[2].Items);
        Assert.True(reply.Items[2].Items[0].IsNull);
    }

    [Fact]
    public async Task ScriptAsync_AfterScriptFlush_FallsBackToEval()
    {
        await using var client = NewClient();
        var script = new RespScript($"return ARGV[1] .. '-{Guid.NewGuid():N}'");
        Assert.StartsWith("a-", (await client.ScriptAsync(script, [], ["a"])).AsString(), StringComparison.Ordinal);

        await client.ExecuteAsync("SCRIPT", "FLUSH");
        Assert.Equal(0, (await client.ExecuteAsync("SCRIPT", "EXISTS", script.Sha1)).Items[0].Integer);

        Assert.StartsWith("b-", (await client.ScriptAsync(script, [], ["b"])).AsString(), StringComparison.Ordinal);
        Assert.Equal(1, (await client.ExecuteAsync("SCRIPT", "EXISTS", script.Sha1)).Items[0].Integer);
    }

    [Fact]
    public async Task RespScript_Sha1_MatchesServer()
    {
        await using var client = NewClient();
        var script = new RespScript("return 42");

        Assert.Equal(script.Sha1, (await client.ExecuteAsync("SCRIPT", "LOAD", script.Text)).AsString());
    }

    [Fact]
    public async Task ExecuteAsync_Cancelled_ThrowsOperationCanceled()
    {
        await using var client = NewClient();
        await client.PingAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.ExecuteAsync(["BLPOP", $"never-{Guid.NewGuid():N}", "5"], TimeSpan.FromSeconds(10), cts.Token));
    }
}
