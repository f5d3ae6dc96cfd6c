namespace ModelMesh.Grpc;

/// <summary>A successful raw unary call: the response message bytes (decompressed), response headers and trailers.</summary>
public sealed record RawUnaryResult(ReadOnlyMemory<byte> Response, Metadata ResponseHeaders, Metadata Trailers);
