using StackExchange.Redis;

namespace ModelMesh.Registry.Tests.Infrastructure;

/// <summary>Commands sent to a test's redis-server beside the registry (SCRIPT FLUSH, CLIENT PAUSE, XADD...), on a connection of their own.</summary>
internal static class RawRedis
{
    /// <summary>A connection with admin commands allowed. Closing it waits for the server, so close it only after a CLIENT PAUSE ended.</summary>
    public static async Task<ConnectionMultiplexer> ConnectAsync(string url)
    {
        var endpoint = new Uri(url);
        return await ConnectionMultiplexer.ConnectAsync($"{endpoint.Host}:{endpoint.Port},allowAdmin=true");
    }

    public static async Task<RedisResult> ExecuteAsync(string url, string command, params object[] args)
    {
        await using var connection = await ConnectAsync(url);
        return await connection.GetDatabase().ExecuteAsync(command, args);
    }
}
