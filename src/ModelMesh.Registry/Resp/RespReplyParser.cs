using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace ModelMesh.Registry.Resp;

/// <summary>
/// Parses RESP2 replies from a byte sequence. <see cref="TryParse"/> returns false when the sequence ends
/// inside a reply (the caller waits for more bytes and parses that reply again from its start).
/// </summary>
internal static class RespReplyParser
{
    private const int MaxBulkLength = 512 * 1024 * 1024;
    private const int MaxDepth = 64;

    /// <summary>Parses one reply from the start of <paramref name="buffer"/> and slices it off.</summary>
    public static bool TryParse(ref ReadOnlySequence<byte> buffer, out RespValue value)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!TryRead(ref reader, 0, out value))
        {
            return false;
        }

        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private static bool TryRead(ref SequenceReader<byte> reader, int depth, out RespValue value)
    {
        value = RespValue.NullBulk;
        if (!reader.TryRead(out var prefix) || !reader.TryReadTo(out ReadOnlySpan<byte> line, "\r\n"u8))
        {
            return false;
        }

        switch (prefix)
        {
            case (byte)'+':
                value = RespValue.Simple(Encoding.UTF8.GetString(line));
                return true;
            case (byte)'-':
                value = RespValue.Error(Encoding.UTF8.GetString(line));
                return true;
            case (byte)':':
                value = RespValue.FromInteger(ParseInteger(line));
                return true;
            case (byte)'$':
                return TryReadBulk(ref reader, ParseInteger(line), out value);
            case (byte)'*':
                return TryReadArray(ref reader, ParseInteger(line), depth, out value);
            default:
                throw new RespProtocolException($"unexpected RESP type byte 0x{prefix:x2}");
        }
    }

    private static bool TryReadBulk(ref SequenceReader<byte> reader, long length, out RespValue value)
    {
        value = RespValue.NullBulk;
        if (length == -1)
        {
            return true;
        }

        if (length is < 0 or > MaxBulkLength)
        {
            throw new RespProtocolException($"bad bulk string length {length}");
        }

        if (reader.Remaining < length + 2)
        {
            return false;
        }

        var bytes = new byte[length];
        reader.TryCopyTo(bytes);
        reader.Advance(length);
        if (!reader.IsNext("\r\n"u8, advancePast: true))
        {
            throw new RespProtocolException("bulk string not terminated by CRLF");
        }

        value = RespValue.Bulk(bytes);
        return true;
    }

    private static bool TryReadArray(ref SequenceReader<byte> reader, long count, int depth, out RespValue value)
    {
        value = RespValue.NullArray;
        if (count == -1)
        {
            return true;
        }

        if (count < 0 || count > reader.Remaining || depth >= MaxDepth)
        {
            // Every element takes at least 3 bytes, so a count above what is buffered is either wrong or
            // incomplete; only a negative count or absurd nesting is certainly wrong.
            if (count < 0 || depth >= MaxDepth)
            {
                throw new RespProtocolException($"bad array length {count} at depth {depth}");
            }

            return false;
        }

        var items = count == 0 ? [] : new RespValue[count];
        for (var i = 0; i < items.Length; i++)
        {
            if (!TryRead(ref reader, depth + 1, out items[i]))
            {
                return false;
            }
        }

        value = RespValue.FromArray(items);
        return true;
    }

    private static long ParseInteger(ReadOnlySpan<byte> line)
    {
        if (!Utf8Parser.TryParse(line, out long value, out var consumed) || consumed != line.Length)
        {
            throw new RespProtocolException($"bad RESP integer '{Encoding.ASCII.GetString(line)}'");
        }

        return value;
    }
}
