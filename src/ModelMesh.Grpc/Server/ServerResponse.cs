namespace ModelMesh.Grpc;

/// <summary>A response message's bytes and, when pooled, the writer that owns them.</summary>
internal readonly struct ServerResponse(ReadOnlyMemory<byte> payload, PooledBufferWriter? owner) : IDisposable
{
    public ReadOnlyMemory<byte> Payload { get; } = payload;

    public void Dispose() => owner?.Dispose();
}
