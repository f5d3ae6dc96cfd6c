namespace ModelMesh.Grpc;

/// <summary>Message encodings (grpc-encoding) this library speaks: identity and gzip.</summary>
internal static class GrpcEncodings
{
    public const string Identity = "identity";
    public const string Gzip = "gzip";

    /// <summary>What we advertise in grpc-accept-encoding.</summary>
    public const string AcceptedValue = "identity,gzip";

    public static bool IsSupported(string? encoding) =>
        string.IsNullOrEmpty(encoding) || IsIdentity(encoding) || IsGzip(encoding);

    public static bool IsIdentity(string? encoding) => string.Equals(encoding, Identity, StringComparison.OrdinalIgnoreCase);

    public static bool IsGzip(string? encoding) => string.Equals(encoding, Gzip, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when a comma-separated grpc-accept-encoding list contains <paramref name="encoding"/>.</summary>
    public static bool AcceptListContains(ReadOnlySpan<char> acceptList, string encoding)
    {
        foreach (var range in acceptList.Split(','))
        {
            if (acceptList[range].Trim().Equals(encoding, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
