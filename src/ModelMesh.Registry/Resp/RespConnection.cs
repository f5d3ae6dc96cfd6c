using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Security;
using System.Threading.Channels;

namespace ModelMesh.Registry.Resp;

/// <summary>
/// One connection to the server, shared by many callers: commands queue in an outbox and a single writer
/// loop writes them in order (batching whatever is queued into one flush); each written command joins the
/// in-flight FIFO, and the reader loop completes the head of that FIFO with each reply (RESP replies come
/// back in request order). Any I/O or protocol failure fails every queued and in-flight command with
/// <see cref="RespConnectionException"/> and closes the connection; <see cref="RespClient"/> reconnects.
/// </summary>
public sealed class RespConnection : IAsyncDisposable
{
    private const int FlushThreshold = 64 * 1024;

    private readonly Stream _stream;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly TimeProvider _time;
    private readonly Channel<RespPendingCommand> _outbox = Channel.CreateUnbounded<RespPendingCommand>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly ConcurrentQueue<RespPendingCommand> _inFlight = new();
    private readonly TaskCompletionSource<Exception> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _failure;
    private long _lastReadTimestamp;

    internal RespConnection(Stream stream, TimeProvider time)
    {
        _stream = stream;
        _time = time;
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        _writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        _lastReadTimestamp = time.GetTimestamp();
        _ = Task.Run(WriteLoopAsync);
        _ = Task.Run(ReadLoopAsync);
    }

    /// <summary>Completes with the failure once the connection is closed.</summary>
    public Task<Exception> Closed => _closed.Task;

    public bool IsAlive => Volatile.Read(ref _failure) is null;

    /// <summary>When the last reply bytes arrived (a <see cref="TimeProvider.GetTimestamp"/> value).</summary>
    public long LastReadTimestamp => Volatile.Read(ref _lastReadTimestamp);

    /// <summary>Queues the command for writing; a closed connection fails it at once.</summary>
    internal void Send(RespPendingCommand command)
    {
        if (!_outbox.Writer.TryWrite(command))
        {
            Fail(command, Volatile.Read(ref _failure));
        }
    }

    /// <summary>Closes the connection, failing what is queued and in flight.</summary>
    public void Abort(Exception reason)
    {
        if (Interlocked.CompareExchange(ref _failure, reason, null) is not null)
        {
            return;
        }

        _outbox.Writer.TryComplete();
        try
        {
            _stream.Dispose();
        }
        catch (IOException)
        {
        }

        FailOutstanding();
        _closed.TrySetResult(reason);
    }

    public ValueTask DisposeAsync()
    {
        Abort(new RespConnectionException("connection disposed"));
        return ValueTask.CompletedTask;
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            var unflushed = 0;
            while (await _outbox.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (_outbox.Reader.TryRead(out var command))
                {
                    if (command.Task.IsCompleted)
                    {
                        command.ReleasePayload(); // timed out or cancelled before it was written
                        continue;
                    }

                    command.Connection = this;
                    _inFlight.Enqueue(command);
                    var payload = command.Payload;
                    payload.CopyTo(_writer.GetSpan(payload.Length));
                    _writer.Advance(payload.Length);
                    unflushed += payload.Length;
                    command.ReleasePayload();
                    if (unflushed >= FlushThreshold)
                    {
                        await FlushAsync().ConfigureAwait(false);
                        unflushed = 0;
                    }
                }

                await FlushAsync().ConfigureAwait(false);
                unflushed = 0;
                if (!IsAlive)
                {
                    FailOutstanding();
                }
            }
        }
        catch (Exception ex)
        {
            Abort(new RespConnectionException($"write failed: {ex.GetBaseException().Message}", ex));
            FailOutstanding();
        }
    }

    private async Task FlushAsync()
    {
        var result = await _writer.FlushAsync().ConfigureAwait(false);
        if (result.IsCompleted)
        {
            throw new IOException("connection closed for writing");
        }
    }

    private async Task ReadLoopAsync()
    {
        var received = false;
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                if (!buffer.IsEmpty)
                {
                    received = true;
                    Volatile.Write(ref _lastReadTimestamp, _time.GetTimestamp());
                }

                while (RespReplyParser.TryParse(ref buffer, out var reply))
                {
                    if (!_inFlight.TryDequeue(out var command))
                    {
                        throw new RespProtocolException($"reply without a request: {reply}");
                    }

                    command.TrySetResult(reply);
                }

                _reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    throw new RespConnectionException("server closed the connection");
                }
            }
        }
        catch (Exception ex)
        {
            // The innermost message is the one that says what happened (an OpenSSL alert, a reset), not "see inner exception".
            var reason = ex as RespException ?? new RespConnectionException($"read failed: {ex.GetBaseException().Message}", ex);
            Abort(received || _stream is SslStream ? reason : new RespConnectionException($"{reason.Message} (before any reply: if the server speaks only TLS, use rediss://)", ex));
        }
    }

    private void FailOutstanding()
    {
        var failure = Volatile.Read(ref _failure);
        while (_inFlight.TryDequeue(out var command))
        {
            Fail(command, failure);
        }

        while (_outbox.Reader.TryRead(out var command))
        {
            Fail(command, failure);
        }
    }

    private static void Fail(RespPendingCommand command, Exception? failure)
    {
        command.ReleasePayload();
        command.TrySetException(new RespConnectionException($"connection lost before {command.Name} was answered: {failure?.Message}", failure));
    }
}
