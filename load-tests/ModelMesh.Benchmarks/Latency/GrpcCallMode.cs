namespace ModelMesh.Benchmarks.Latency;

/// <summary>How the gRPC path calls ModelInfer.</summary>
public enum GrpcCallMode
{
    /// <summary>the generated client's ModelInferAsync: protobuf serialize + parse on the client each call.</summary>
    Typed,

    /// <summary>RawInferMethods.Client with the request serialized once up front; the response bytes are not parsed.</summary>
    Raw,
}
