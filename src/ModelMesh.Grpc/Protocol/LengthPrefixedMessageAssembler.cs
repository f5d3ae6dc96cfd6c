using System.Buffers;

namespace ModelMesh.Grpc;

/// <summary>
/// Assembles one Length-Prefixed-Message from bytes that arrive in arbitrary pieces (DATA frame
/// boundaries are unrelated to message boundaries). The length is checked against the limit
/// before anything is buffered; message bytes are copied into one pooled array as they arrive,
/// so the caller can release (and flow-control can reopen) the transport buffer promptly.
/// </summary>
internal sealed class LengthPrefixedMessageAssembler : IDisposable
{
    private readonly int _maxMessageSize;
    private byte[]? _message;
    private int _filled;

    public LengthPrefixedMessageAssembler(int maxMessageSize) => _maxMessageSize = maxMessageSize;

    /// <summary>True once the 5-byte prefix has been read.</summary>
    public bool HasHeader { get; private set; }

    public bool IsCompressed { get; private set; }

    /// <summary>The declared message length (valid once <see cref="HasHeader"/>).</summary>
    public long DeclaredLength { get; private set; }

    /// <summary>The assembled message; valid after <see cref="MessageReadStatus.Complete"/> until disposal.</summary>
    public ReadOnlyMemory<byte> Message => _message is null ? ReadOnlyMemory<byte>.Empty : _message.AsMemory(0, _filled);

    /// <summary>Consumes what it can from the front of <paramref name="buffer"/> (which is sliced past it).</summary>
    public MessageReadStatus Consume(ref ReadOnlySequence<byte> buffer)
    {
        if (!HasHeader)
        {
            if (!LengthPrefix.TryRead(buffer, out var flag, out var length))
            {
                return MessageReadStatus.NeedMoreData;
            }

            if (flag > 1)
            {
                return MessageReadStatus.InvalidCompressedFlag;
            }

            HasHeader = true;
            IsCompressed = flag == 1;
            DeclaredLength = length;
            if (length > (uint)_maxMessageSize)
            {
                return MessageReadStatus.TooLarge;
            }

            buffer = buffer.Slice(LengthPrefix.Size);
            _message = length == 0 ? null : ArrayPool<byte>.Shared.Rent((int)length);
        }

        var missing = (int)DeclaredLength - _filled;
        if (missing > 0)
        {
            var take = (int)Math.Min(missing, buffer.Length);
            buffer.Slice(0, take).CopyTo(_message.AsSpan(_filled));
            _filled += take;
            buffer = buffer.Slice(take);
        }

        return _filled == DeclaredLength ? MessageReadStatus.Complete : MessageReadStatus.NeedMoreData;
    }

    public void Dispose()
    {
        if (_message is not null)
        {
            ArrayPool<byte>.Shared.Return(_message);
            _message = null;
        }
    }
}
