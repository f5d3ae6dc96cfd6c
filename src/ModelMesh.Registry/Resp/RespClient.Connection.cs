namespace ModelMesh.Registry.Resp;

/// <summary>
/// Connection management of <see cref="RespClient"/>: the reconnect loop with exponential backoff and the
/// timeout sweeper. A command that times out on a connection that has read nothing since the command was
/// sent means the server (or the path to it) is gone without a FIN; that connection is aborted so the
/// next commands get a fresh one instead of waiting for TCP to notice.
/// </summary>
public sealed partial class RespClient
{
    private async Task<RespValue> SendAsync(string[] args, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        var submitted = _time.GetTimestamp();
        var connection = _connection;
        if (connection is not { IsAlive: true })
        {
            connection = await GetConnectionAsync(timeout, cancellationToken).ConfigureAwait(false);
        }

        var ticks = Math.Min(timeout.TotalSeconds * _time.TimestampFrequency, long.MaxValue / 4);
        var (buffer, length) = RespCommandEncoder.Encode(args);
        var command = new RespPendingCommand(buffer, length, submitted, submitted + (long)ticks, args[0]);
        _pending.Enqueue(command);
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static (state, token) => ((RespPendingCommand)state!).TrySetCanceled(token), command)
            : default;
        connection.Send(command);
        return await command.Task.ConfigureAwait(false);
    }

    private async Task<RespConnection> GetConnectionAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task<RespConnection> attempt;
        lock (_gate)
        {
            if (_connection is { IsAlive: true } live)
            {
                return live;
            }

            if (!_reconnecting)
            {
                StartReconnectLoop();
            }

            attempt = _attempt!;
        }

        try
        {
            return await attempt.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new RespTimeoutException($"not connected to {Endpoint} within {timeout.TotalMilliseconds:0} ms");
        }
        catch (RespException ex)
        {
            throw new RespConnectionException($"not connected to {Endpoint}: {ex.Message}", ex);
        }
    }

    /// <summary>Starts connecting at once; the caller holds the lock.</summary>
    private void StartReconnectLoop()
    {
        _reconnecting = true;
        var attempt = new TaskCompletionSource<RespConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
        _attempt = attempt.Task;
        _ = Task.Run(() => ReconnectLoopAsync(attempt));
    }

    private async Task ReconnectLoopAsync(TaskCompletionSource<RespConnection> attempt)
    {
        var delay = _options.ReconnectMinDelay;
        while (!_disposed.IsCancellationRequested)
        {
            try
            {
                var connection = await RespConnector.ConnectAsync(Endpoint, _tls, _options, _time, _disposed.Token).ConfigureAwait(false);
                lock (_gate)
                {
                    _reconnecting = false;
                    if (_disposed.IsCancellationRequested)
                    {
                        connection.Abort(new RespConnectionException("client disposed"));
                        break;
                    }

                    _connection = connection;
                }

                LogConnected(_logger, _endpointText);
                _ = connection.Closed.ContinueWith(closed => OnConnectionClosed(connection, closed.Result), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                attempt.TrySetResult(connection);
                return;
            }
            catch (Exception ex) when (!_disposed.IsCancellationRequested)
            {
                attempt.TrySetException(ex as RespException ?? new RespConnectionException(ex.Message, ex));
                _ = attempt.Task.Exception; // observed: callers that waited got it, later ones get the next attempt
                LogConnectFailed(_logger, _endpointText, delay.TotalMilliseconds, ex.Message);
            }
            catch (Exception)
            {
                break;
            }

            try
            {
                await Task.Delay(delay, _time, _disposed.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.ReconnectMaxDelay.Ticks));
            lock (_gate)
            {
                attempt = new TaskCompletionSource<RespConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
                _attempt = attempt.Task;
            }
        }

        lock (_gate)
        {
            _reconnecting = false;
        }

        attempt.TrySetException(new RespConnectionException("client disposed"));
        _ = attempt.Task.Exception;
    }

    private void OnConnectionClosed(RespConnection connection, Exception reason)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_connection, connection))
            {
                return;
            }

            _connection = null;
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            LogConnectionLost(_logger, _endpointText, reason.Message);
            if (!_reconnecting)
            {
                StartReconnectLoop();
            }
        }
    }

    private void SweepTimeouts()
    {
        var now = _time.GetTimestamp();
        foreach (var command in _pending)
        {
            if (command.Task.IsCompleted || now < command.Deadline)
            {
                continue;
            }

            var waited = _time.GetElapsedTime(command.Submitted, now);
            if (command.TrySetException(new RespTimeoutException($"{command.Name} got no reply from {Endpoint} within {waited.TotalMilliseconds:0} ms"))
                && command.Connection is { IsAlive: true } connection
                && connection.LastReadTimestamp < command.Submitted)
            {
                LogConnectionUnresponsive(_logger, _endpointText, waited.TotalMilliseconds);
                connection.Abort(new RespTimeoutException($"no reply from {Endpoint} for {waited.TotalMilliseconds:0} ms"));
            }
        }

        while (_pending.TryPeek(out var head) && head.Task.IsCompleted)
        {
            _pending.TryDequeue(out _);
        }
    }
}
