using Grpc.Core;

namespace ModelMesh.Client;

/// <summary>Settings of a <see cref="ModelMeshClient"/>.</summary>
public sealed class ModelMeshClientOptions
{
    /// <summary>The deadline given to a call that names none. Default 30 s; <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Transport settings (message size limits, compression, handler, clock) of the underlying channel.</summary>
    public GrpcChannelOptions Channel { get; set; } = new();
}
