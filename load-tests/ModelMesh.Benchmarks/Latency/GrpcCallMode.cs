namespace ModelMesh.Benchmarks.Latency;

/// <summary>How the gRPC path calls ModelInfer.</summary>
public enum GrpcCallMode
{
    /// <summary>GrpcChannel.UnaryCallAsync with InferenceServiceMethods.ModelInfer: protobuf serialize + parse on the client each call.</summary>
    Typed,

    /// <summary>GrpcChannel.RawUnaryCallAsync with the request serialized once up front; the response bytes are not parsed.</summary>
    Raw,
}
