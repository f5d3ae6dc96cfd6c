namespace ModelMesh.Grpc;

/// <summary>Client-side gRPC settings.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>Largest response message accepted (after decompression), in bytes. Default 64 MiB.</summary>
    public int MaxReceiveMessageSize { get; set; } = 64 * 1024 * 1024;

    /// <summary>Largest request message sent (before compression), in bytes. Default 64 MiB.</summary>
    public int MaxSendMessageSize { get; set; } = 64 * 1024 * 1024;

    /// <summary>"gzip" to compress requests; null (default) sends them uncompressed.</summary>
    public string? SendCompression { get; set; }

    /// <summary>A handler to use instead of the channel's own SocketsHttpHandler (not disposed by the channel).</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>The clock that call deadlines are measured against.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
