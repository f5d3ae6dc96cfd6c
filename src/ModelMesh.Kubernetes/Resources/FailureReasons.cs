namespace ModelMesh.Kubernetes.Resources;

/// <summary>KServe ModelMesh's <c>lastFailureInfo.reason</c> values.</summary>
public static class FailureReasons
{
    public const string ModelLoadFailed = "ModelLoadFailed";
    public const string RuntimeUnhealthy = "RuntimeUnhealthy";
    public const string NoSupportingRuntime = "NoSupportingRuntime";
    public const string RuntimeNotRecognized = "RuntimeNotRecognized";
    public const string InvalidPredictorSpec = "InvalidPredictorSpec";
}
