namespace ModelMesh.Kubernetes;

/// <summary>
/// Settings of the Kubernetes controller (<c>modelmesh controller</c>, or <c>modelmesh dev --kubeconfig</c>), bound from
/// <c>ModelMesh:Kubernetes</c>; flags win. Validated at start by <see cref="KubernetesControllerOptionsValidator"/>.
/// </summary>
public sealed class KubernetesControllerOptions
{
    public const string SectionName = "ModelMesh:Kubernetes";

    /// <summary>The namespace whose Predictors, InferenceServices and TrainedModels are served. Required.</summary>
    public string Namespace { get; set; } = "";

    /// <summary>A kubeconfig file; null = the in-cluster service account.</summary>
    public string? KubeconfigPath { get; set; }

    /// <summary>The front door's management gRPC endpoint (host:port or http(s)://host:port). Default 127.0.0.1:8033.</summary>
    public string MeshEndpoint { get; set; } = "127.0.0.1:8033";

    /// <summary>The coordination.k8s.io Lease the replicas elect a leader on. Default <c>modelmesh-controller</c>.</summary>
    public string LeaseName { get; set; } = "modelmesh-controller";

    /// <summary>This replica's name in the Lease; default $POD_NAME, else host name + a random suffix.</summary>
    public string Identity { get; set; } = DefaultIdentity();

    /// <summary>How long a leader's Lease lasts without renewal (whole seconds, at least 1). Default 15 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader retries a renewal before it gives up leading. Default 10 s (less than <see cref="LeaseDuration"/>).</summary>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Between acquisition and renewal attempts. Default 2 s (less than <see cref="RenewDeadline"/>).</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The Secret in <see cref="Namespace"/> holding the storage-config entries (ModelMesh's format, one key per entry),
    /// read to check a resource's storage key before it is registered. Default <c>storage-config</c>, as ModelMesh;
    /// empty: no Secret is read and keys are checked by the mesh's registration only.
    /// </summary>
    public string StorageConfigSecret { get; set; } = "storage-config";

    /// <summary>How often every resource is reconciled again (copies evicted, loads finished). Default 30 s.</summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How soon a resource whose model is loading or moving is looked at again. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one watch request stays open before it is resumed from its last resourceVersion. Default 5 min.</summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wait after a failed list or watch before trying again. Default 1 s.</summary>
    public TimeSpan ErrorBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Written to Predictor <c>status.grpcEndpoint</c> and InferenceService <c>status.url</c>; default grpc://modelmesh-serving.NAMESPACE:8033.</summary>
    public string? GrpcEndpoint { get; set; }

    /// <summary>Written to Predictor <c>status.httpEndpoint</c> and TrainedModel <c>status.url</c>; default http://modelmesh-serving.NAMESPACE:8008.</summary>
    public string? HttpEndpoint { get; set; }

    public string EffectiveGrpcEndpoint => GrpcEndpoint ?? $"grpc://modelmesh-serving.{Namespace}:8033";

    public string EffectiveHttpEndpoint => HttpEndpoint ?? $"http://modelmesh-serving.{Namespace}:8008";

    private static string DefaultIdentity() =>
        Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod
            ? pod
            : $"{Environment.MachineName.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..8]}";
}
