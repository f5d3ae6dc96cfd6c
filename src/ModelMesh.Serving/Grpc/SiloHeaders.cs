namespace ModelMesh.Serving.Grpc;

/// <summary>The metadata a front door sends with ModelInfer to a silo.</summary>
public static class SiloHeaders
{
    /// <summary>Header naming the resolved model id (the request's model_name may be a vmodel alias).</summary>
    public const string ModelId = "mm-model-id";

    /// <summary>Header "1": the silo may load the model to answer (the front door placed it there).</summary>
    public const string LoadIfAbsent = "mm-load-if-absent";

    /// <summary>
    /// <see cref="LoadIfAbsent"/> value for a last-resort placement (every silo is full of recently used
    /// copies): the silo may evict copies inside its churn guard rather than refuse.
    /// </summary>
    public const string LoadEvictingRecent = "evict-recent";
}
