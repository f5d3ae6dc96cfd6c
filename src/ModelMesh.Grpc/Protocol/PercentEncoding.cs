using System.Buffers;
using System.Text;

namespace ModelMesh.Grpc;

/// <summary>
/// grpc-message encoding: UTF-8, then every byte outside 0x20-0x7E and '%' itself becomes %XX.
/// Decoding never fails: broken escapes are kept as they are, invalid UTF-8 becomes U+FFFD.
/// </summary>
internal static class PercentEncoding
{
    private const string HexDigits = "0123456789ABCDEF";

    public static string Encode(string value)
    {
        if (!NeedsEncoding(value))
        {
            return value;
        }

        var maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        var rented = ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            var byteCount = Encoding.UTF8.GetBytes(value, rented);
            var builder = new StringBuilder(byteCount * 2);
            foreach (var b in rented.AsSpan(0, byteCount))
            {
                if (IsUnreserved(b))
                {
                    builder.Append((char)b);
                }
                else
                {
                    builder.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
                }
            }

            return builder.ToString();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static string Decode(string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal) && IsAscii(value))
        {
            return value;
        }

        var raw = Encoding.UTF8.GetBytes(value);
        var decoded = ArrayPool<byte>.Shared.Rent(raw.Length);
        try
        {
            var length = 0;
            for (var i = 0; i < raw.Length; i++)
            {
                if (raw[i] == (byte)'%' && i + 2 < raw.Length && TryHex(raw[i + 1], out var high) && TryHex(raw[i + 2], out var low))
                {
                    decoded[length++] = (byte)((high << 4) | low);
                    i += 2;
                }
                else
                {
                    decoded[length++] = raw[i];
                }
            }

            return Encoding.UTF8.GetString(decoded, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(decoded);
        }
    }

    private static bool NeedsEncoding(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~' or '%')
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAscii(string value)
    {
        foreach (var c in value)
        {
            if (c > '\x7F')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUnreserved(byte b) => b is >= 0x20 and <= 0x7E and not (byte)'%';

    private static bool TryHex(byte b, out int value)
    {
        value = b switch
        {
            >= (byte)'0' and <= (byte)'9' => b - '0',
            >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
            >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
