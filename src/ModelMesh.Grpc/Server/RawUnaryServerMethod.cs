namespace ModelMesh.Grpc;

/// <summary>
/// A unary handler over raw message bytes (already decompressed, not deserialized).
/// <paramref name="request"/> is only valid until the returned task completes; the returned bytes must stay
/// valid until the response has been written.
/// </summary>
public delegate ValueTask<ReadOnlyMemory<byte>> RawUnaryServerMethod(ReadOnlyMemory<byte> request, ServerCallContext context);
