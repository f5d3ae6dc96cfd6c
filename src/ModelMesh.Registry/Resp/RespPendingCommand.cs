using System.Buffers;

namespace ModelMesh.Registry.Resp;

/// <summary>
/// One command from submission to reply: its encoded bytes (pooled, returned once written or abandoned),
/// its deadline, and the task its caller awaits. Replies are matched to commands in FIFO order by
/// <see cref="RespConnection"/>; a command that timed out still takes its reply, which is then dropped.
/// </summary>
internal sealed class RespPendingCommand(byte[] payload, int length, long submitted, long deadline, string name)
    : TaskCompletionSource<RespValue>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    private byte[]? _payload = payload;

    /// <summary>When it was submitted, as a <see cref="TimeProvider.GetTimestamp"/> value.</summary>
    public long Submitted { get; } = submitted;

    /// <summary>Deadline as a <see cref="TimeProvider.GetTimestamp"/> value.</summary>
    public long Deadline { get; } = deadline;

    /// <summary>The command name, for error messages.</summary>
    public string Name { get; } = name;

    /// <summary>The connection it was written to, once written.</summary>
    public RespConnection? Connection { get; set; }

    public ReadOnlySpan<byte> Payload => _payload is { } bytes ? bytes.AsSpan(0, length) : default;

    /// <summary>Gives the encoded bytes back to the pool (idempotent).</summary>
    public void ReleasePayload()
    {
        if (Interlocked.Exchange(ref _payload, null) is { } bytes)
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
