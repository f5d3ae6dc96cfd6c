using StackExchange.Redis;

namespace ModelMesh.Registry;

/// <summary>
/// How the registry talks to Redis: one multiplexer, connected on first use (a failed first connect does not fail
/// the registry: the multiplexer keeps trying), and every failure of StackExchange.Redis (no connection, a timeout,
/// an error reply) becomes <see cref="RegistryUnavailableException"/>. StackExchange.Redis takes no cancellation
/// token, so a cancelled caller stops waiting while the command itself completes or times out on its own.
/// </summary>
public sealed partial class RedisMeshRegistry
{
    private readonly Lock _gate = new();
    private Task<ConnectionMultiplexer>? _connecting;
    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        Task<ConnectionMultiplexer>? connecting;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            connecting = _connecting;
        }

        if (connecting is null)
        {
            return;
        }

        try
        {
            var connection = await connecting.ConfigureAwait(false);
            connection.ConnectionFailed -= OnConnectionFailed;
            connection.ConnectionRestored -= OnConnectionRestored;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            // never connected: nothing to close
        }
    }

    /// <summary>The multiplexer, connecting it on the first call (and again after a first connect that threw).</summary>
    private async Task<ConnectionMultiplexer> ConnectionAsync(CancellationToken cancellationToken)
    {
        Task<ConnectionMultiplexer> connecting;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connecting is null || _connecting.IsFaulted || _connecting.IsCanceled)
            {
                _connecting = ConnectAsync();
            }

            connecting = _connecting;
        }

        return await connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(_configuration).ConfigureAwait(false);
        connection.ConnectionFailed += OnConnectionFailed;
        connection.ConnectionRestored += OnConnectionRestored;
        if (!connection.IsConnected)
        {
            LogNotConnected(_logger, _endpointText, connection.GetStatus());
        }

        return connection;
    }

    /// <summary>Runs one command on the database of the URL; any Redis failure becomes <see cref="RegistryUnavailableException"/>.</summary>
    private async Task<T> RunAsync<T>(string operation, Func<IDatabase, Task<T>> command, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await ConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await command(connection.GetDatabase()).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            throw Unavailable(operation, ex);
        }
    }

    /// <summary>Runs a mutating script: KEYS[1] = events, ARGV[1] = max events, ARGV[2] = prefix, then <paramref name="args"/>.</summary>
    private Task<RedisResult> MutateAsync(string script, CancellationToken cancellationToken, params RedisValue[] args)
    {
        var argv = new RedisValue[2 + args.Length];
        argv[0] = _maxEvents;
        argv[1] = _keys.Prefix;
        args.CopyTo(argv, 2);
        return ScriptAsync(script, [_keys.Events], argv, cancellationToken);
    }

    private Task<RedisResult> ScriptAsync(string script, RedisKey[] keys, RedisValue[] args, CancellationToken cancellationToken) =>
        RunAsync("script", db => db.ScriptEvaluateAsync(script, keys, args), cancellationToken);

    /// <summary>Reads a whole hash with HSCAN (no single huge reply, no long block of the server).</summary>
    private async Task<List<T>> ScanHashAsync<T>(string key, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await ConnectionAsync(cancellationToken).ConfigureAwait(false);
            var items = new List<T>();
            await foreach (var entry in connection.GetDatabase().HashScanAsync(key, pageSize: 1000).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                items.Add(Deserialize<T>(entry.Value));
            }

            return items;
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            throw Unavailable("HSCAN", ex);
        }
    }

    /// <summary>A failure of Redis or of the way to it (StackExchange.Redis' timeouts are TimeoutExceptions, not RedisExceptions).</summary>
    private static bool IsRedisFailure(Exception ex) => ex is RedisException or RedisTimeoutException;

    private RegistryUnavailableException Unavailable(string operation, Exception ex)
    {
        if (ex is RedisConnectionException && _tls?.Rejection is { } rejection)
        {
            ex = _tls.RejectionError(_endpoint, rejection, ex);
        }

        LogUnavailable(_logger, operation, ex.Message);
        return new RegistryUnavailableException($"registry at {_endpointText} failed ({operation}): {ex.Message}", ex);
    }

    /// <summary>A watcher's connection was lost: Redis may have restarted without its data (see <see cref="RedisChangeHints"/>).</summary>
    private RegistryUnavailableException LostDuringWatch(string reason)
    {
        LogUnavailable(_logger, "watch", reason);
        return new RegistryUnavailableException($"registry at {_endpointText}: connection lost during the watch ({reason}); resync from a snapshot");
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) =>
        LogConnectionFailed(_logger, _endpointText, e.ConnectionType, e.FailureType, e.Exception?.Message ?? "");

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) =>
        LogConnectionRestored(_logger, _endpointText, e.ConnectionType);
}
