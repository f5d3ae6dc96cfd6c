namespace ModelMesh.Grpc;

/// <summary>Validation rules for metadata keys and ASCII values (PROTOCOL-HTTP2 Header-Name / ASCII-Value).</summary>
internal static class MetadataKey
{
    public const string BinarySuffix = "-bin";

    public static string Normalize(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var lower = key.ToLowerInvariant();
        if (!IsValidKey(lower))
        {
            throw new ArgumentException($"Metadata key '{key}' contains characters outside [0-9a-z_.-].", nameof(key));
        }

        return lower;
    }

    public static bool IsValidKey(ReadOnlySpan<char> key)
    {
        if (key.IsEmpty)
        {
            return false;
        }

        foreach (var c in key)
        {
            var ok = c is (>= '0' and <= '9') or (>= 'a' and <= 'z') or '_' or '-' or '.';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValidAsciiValue(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsBinary(string key) => key.EndsWith(BinarySuffix, StringComparison.Ordinal);
}
