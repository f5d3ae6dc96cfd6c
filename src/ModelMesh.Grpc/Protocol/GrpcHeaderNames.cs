namespace ModelMesh.Grpc;

/// <summary>Header names and fixed values of gRPC over HTTP/2 (grpc/grpc doc/PROTOCOL-HTTP2.md).</summary>
internal static class GrpcHeaderNames
{
    public const string ContentType = "content-type";
    public const string GrpcContentType = "application/grpc";
    public const string Te = "te";
    public const string Trailers = "trailers";
    public const string Timeout = "grpc-timeout";
    public const string Status = "grpc-status";
    public const string Message = "grpc-message";
    public const string Encoding = "grpc-encoding";
    public const string AcceptEncoding = "grpc-accept-encoding";
    public const string UserAgent = "user-agent";
    public const string UserAgentValue = "grpc-dotnet-modelmesh/1.0";

    /// <summary>True for <c>application/grpc</c> and <c>application/grpc+...</c> (also with parameters).</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(GrpcContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (contentType.Length == GrpcContentType.Length)
        {
            return true;
        }

        var next = contentType[GrpcContentType.Length];
        return next is '+' or ';';
    }
}
