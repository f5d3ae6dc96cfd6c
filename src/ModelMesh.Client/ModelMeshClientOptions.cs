using Grpc.Net.Client;

namespace ModelMesh.Client;

/// <summary>Settings of a <see cref="ModelMeshClient"/>.</summary>
public sealed class ModelMeshClientOptions
{
    /// <summary>The deadline given to a call that names none. Default 30 s; <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Transport settings of the Grpc.Net.Client channel <see cref="ModelMeshClient.Connect"/> opens (message size limits,
    /// compression, handler). Its size limits default to 16 MiB here, as the server's.
    /// </summary>
    public GrpcChannelOptions Channel { get; set; } = new() { MaxReceiveMessageSize = 16 * 1024 * 1024, MaxSendMessageSize = 16 * 1024 * 1024 };

    /// <summary>The clock that call deadlines are computed from.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
