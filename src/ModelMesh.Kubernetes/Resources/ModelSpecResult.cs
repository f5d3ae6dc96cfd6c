namespace ModelMesh.Kubernetes.Resources;

/// <summary>What a resource asks of the mesh: a model, an invalid spec (with the KServe failure reason), or nothing (not ours).</summary>
public sealed record ModelSpecResult(MeshModelSpec? Model, string? InvalidReason, string? InvalidMessage)
{
    /// <summary>A resource the controller leaves alone (an InferenceService not in ModelMesh deployment mode).</summary>
    public static readonly ModelSpecResult Ignored = new(null, null, null);

    public bool IsIgnored => Model is null && InvalidMessage is null;

    public static ModelSpecResult Ok(MeshModelSpec model) => new(model, null, null);

    public static ModelSpecResult Invalid(string message, string reason = FailureReasons.InvalidPredictorSpec) => new(null, reason, message);
}
