using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace ModelMesh.Registry.Resp;

/// <summary>Encodes a command as a RESP array of bulk strings into a buffer rented from the shared pool.</summary>
internal static class RespCommandEncoder
{
    /// <summary>Returns the rented buffer and the encoded length; the caller returns the buffer to <see cref="ArrayPool{T}.Shared"/>.</summary>
    public static (byte[] Buffer, int Length) Encode(ReadOnlySpan<string> args)
    {
        if (args.IsEmpty)
        {
            throw new ArgumentException("a command needs at least its name", nameof(args));
        }

        var size = 1 + 11 + 2;
        foreach (var arg in args)
        {
            size += 1 + 11 + 2 + Encoding.UTF8.GetByteCount(arg) + 2;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(size);
        var span = buffer.AsSpan();
        var at = WriteHeader(span, (byte)'*', args.Length);
        foreach (var arg in args)
        {
            var length = Encoding.UTF8.GetByteCount(arg);
            at += WriteHeader(span[at..], (byte)'$', length);
            at += Encoding.UTF8.GetBytes(arg, span[at..]);
            span[at++] = (byte)'\r';
            span[at++] = (byte)'\n';
        }

        return (buffer, at);
    }

    private static int WriteHeader(Span<byte> span, byte prefix, int value)
    {
        span[0] = prefix;
        Utf8Formatter.TryFormat(value, span[1..], out var written);
        span[1 + written] = (byte)'\r';
        span[2 + written] = (byte)'\n';
        return 3 + written;
    }
}
