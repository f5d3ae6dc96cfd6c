using System.Buffers;
using System.Buffers.Text;

namespace ModelMesh.Grpc;

/// <summary>
/// Maps metadata to HTTP/2 header fields and back. Binary (-bin) values travel as unpadded base64;
/// received ones may be padded or not, and repeated values may be joined with ",".
/// Reserved names (pseudo-headers, content-type, te, grpc-status...) never become metadata.
/// </summary>
internal static class MetadataHeaderCodec
{
    /// <summary>The header field value for an entry.</summary>
    public static string EncodeValue(Metadata.Entry entry) =>
        entry.ValueBytes is { } bytes ? EncodeBase64Unpadded(bytes) : entry.Value ?? string.Empty;

    /// <summary>True for header names that are protocol fields rather than custom metadata.</summary>
    public static bool IsReserved(string name, bool keepEncodingHeaders)
    {
        if (name.Length == 0 || name[0] == ':')
        {
            return true;
        }

        return name.ToLowerInvariant() switch
        {
            "content-type" or "content-length" or "te" or "host" or "connection" => true,
            GrpcHeaderNames.Status or GrpcHeaderNames.Message or GrpcHeaderNames.Timeout => true,
            GrpcHeaderNames.Encoding or GrpcHeaderNames.AcceptEncoding => !keepEncodingHeaders,
            _ => false,
        };
    }

    /// <summary>Adds one received header field (possibly comma-joined for -bin) to <paramref name="target"/>.</summary>
    public static void AddReceived(Metadata target, string name, string? value)
    {
        var key = name.ToLowerInvariant();
        value ??= string.Empty;
        if (!MetadataKey.IsBinary(key))
        {
            target.AddReceived(new Metadata.Entry(key, value, null));
            return;
        }

        foreach (var range in value.AsSpan().Split(','))
        {
            if (TryDecodeBase64(value.AsSpan(range).Trim(), out var bytes))
            {
                target.AddReceived(new Metadata.Entry(key, null, bytes));
            }
        }
    }

    public static string EncodeBase64Unpadded(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    /// <summary>Decodes standard base64, padded or unpadded; false on malformed input.</summary>
    public static bool TryDecodeBase64(ReadOnlySpan<char> text, out byte[] bytes)
    {
        text = text.TrimEnd('=');
        var remainder = text.Length % 4;
        if (remainder == 1)
        {
            bytes = [];
            return false;
        }

        var padded = remainder == 0 ? text.Length : text.Length + (4 - remainder);
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(padded, 1));
        try
        {
            text.CopyTo(chars);
            chars.AsSpan(text.Length, padded - text.Length).Fill('=');
            var decoded = new byte[Base64.GetMaxDecodedFromUtf8Length(padded)];
            if (!Convert.TryFromBase64Chars(chars.AsSpan(0, padded), decoded, out var written))
            {
                bytes = [];
                return false;
            }

            bytes = written == decoded.Length ? decoded : decoded.AsSpan(0, written).ToArray();
            return true;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
