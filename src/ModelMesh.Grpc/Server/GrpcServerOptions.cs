namespace ModelMesh.Grpc;

/// <summary>Server-side gRPC settings (bound by <see cref="GrpcServiceCollectionExtensions.AddModelMeshGrpc"/>).</summary>
public sealed class GrpcServerOptions
{
    /// <summary>Largest request message accepted (after decompression), in bytes. Default 64 MiB.</summary>
    public int MaxReceiveMessageSize { get; set; } = 64 * 1024 * 1024;

    /// <summary>Largest response message sent (before compression), in bytes. Default 64 MiB.</summary>
    public int MaxSendMessageSize { get; set; } = 64 * 1024 * 1024;

    /// <summary>"gzip" to compress responses when the client's grpc-accept-encoding allows it; null for none.</summary>
    public string? ResponseCompression { get; set; }

    /// <summary>When true, an unexpected handler exception's message is sent to the client (off by default).</summary>
    public bool EnableDetailedErrors { get; set; }
}
