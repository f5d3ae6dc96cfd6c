using System.Threading.Channels;
using StackExchange.Redis;

namespace ModelMesh.Registry;

/// <summary>
/// One watcher's wake-ups: a subscription to the hint channel (every mutating script publishes its new event id
/// there, see <see cref="RedisScripts"/>) and to the multiplexer's connection failures. Hints coalesce into one
/// pending wake-up, so a watcher that was reading when a hint came reads once more and never misses one; pub/sub is
/// at most once, so <see cref="WaitAsync"/> also returns after the poll interval without a hint. A lost connection
/// is remembered (<see cref="ConnectionLost"/>): Redis may have restarted without its data, and the stream position
/// alone cannot always tell, so the watcher must stop and its consumer resync from a snapshot.
/// </summary>
internal sealed class RedisChangeHints : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _connection;
    private readonly RedisChannel _channel;
    private readonly Action<RedisChannel, RedisValue> _onHint;
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private volatile string? _lost;

    private RedisChangeHints(ConnectionMultiplexer connection, string channel)
    {
        _connection = connection;
        _channel = RedisChannel.Literal(channel);
        _onHint = (_, _) => _wakeUps.Writer.TryWrite(true);
    }

    /// <summary>Why the connection was lost since the subscription, or null while it holds.</summary>
    public string? ConnectionLost => _lost;

    /// <summary>Subscribes before the watcher's first read, so no hint after that read can be missed.</summary>
    public static async Task<RedisChangeHints> SubscribeAsync(ConnectionMultiplexer connection, string channel)
    {
        var hints = new RedisChangeHints(connection, channel);
        connection.ConnectionFailed += hints.OnConnectionFailed;
        try
        {
            await connection.GetSubscriber().SubscribeAsync(hints._channel, hints._onHint).ConfigureAwait(false);
            return hints;
        }
        catch
        {
            connection.ConnectionFailed -= hints.OnConnectionFailed;
            throw;
        }
    }

    /// <summary>Waits for a hint, a lost connection or <paramref name="pollInterval"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan pollInterval, TimeProvider time, CancellationToken cancellationToken)
    {
        if (_wakeUps.Reader.TryRead(out _) || _lost is not null)
        {
            return;
        }

        using var poll = new CancellationTokenSource(pollInterval, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, poll.Token);
        try
        {
            await _wakeUps.Reader.WaitToReadAsync(either.Token).ConfigureAwait(false);
            _wakeUps.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the poll interval passed without a hint: read anyway
        }
    }

    public async ValueTask DisposeAsync()
    {
        _connection.ConnectionFailed -= OnConnectionFailed;
        try
        {
            await _connection.GetSubscriber().UnsubscribeAsync(_channel, _onHint, CommandFlags.FireAndForget).ConfigureAwait(false);
        }
        catch (RedisException)
        {
            // not connected: the server dropped the subscription with the connection
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        _lost ??= $"{e.ConnectionType} connection {e.FailureType}: {e.Exception?.Message}";
        _wakeUps.Writer.TryWrite(true);
    }
}
