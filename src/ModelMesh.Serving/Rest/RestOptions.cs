namespace ModelMesh.Serving.Rest;

/// <summary>Options of the REST endpoints (config section <c>ModelMesh:Rest</c>).</summary>
public sealed class RestOptions
{
    /// <summary>Largest accepted request body; larger bodies get 413. Default 64 MiB, like the gRPC limit.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64L * 1024 * 1024;
}
