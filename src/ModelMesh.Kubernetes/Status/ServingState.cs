namespace ModelMesh.Kubernetes.Status;

/// <summary>
/// What the mesh says about one resource's models: the active model (the one its name serves) and the target model
/// (what its spec asks for), in KServe ModelMesh's vocabulary. Each resource kind renders it into its own status shape.
/// </summary>
public sealed record ServingState(
    bool Available,
    string ActiveModelState,
    string TargetModelState,
    string TransitionStatus,
    FailureInfo? LastFailure,
    int TotalCopies,
    int FailedCopies);
