namespace ModelMesh.Serving.Grpc;

/// <summary>gRPC settings of a role's server and of its calls to other processes (config section <c>ModelMesh:Grpc</c>).</summary>
public sealed class GrpcOptions
{
    public const string SectionName = "ModelMesh:Grpc";

    /// <summary>Largest message received or sent, in bytes (after decompression); larger ones get RESOURCE_EXHAUSTED. Default 16 MiB, as ModelMesh.</summary>
    public int MaxMessageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        var result = new GrpcOptionsValidator().Validate(null, this);
        if (result.Failed)
        {
            throw new InvalidOperationException(result.FailureMessage);
        }
    }
}
