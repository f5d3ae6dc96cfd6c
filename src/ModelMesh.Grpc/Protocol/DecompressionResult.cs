namespace ModelMesh.Grpc;

/// <summary>Outcome of <see cref="GzipMessageCodec.TryDecompress"/>.</summary>
internal enum DecompressionResult
{
    Success,
    TooLarge,
    Corrupt,
}
