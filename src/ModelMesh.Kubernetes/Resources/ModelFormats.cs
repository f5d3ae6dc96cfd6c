namespace ModelMesh.Kubernetes.Resources;

/// <summary>The model formats the mesh serves (ONNX); anything else is KServe's <c>NoSupportingRuntime</c>.</summary>
public static class ModelFormats
{
    public const string Onnx = "onnx";

    /// <summary>Null when <paramref name="format"/> is served; else the invalid-spec result naming <paramref name="field"/>.</summary>
    public static ModelSpecResult? Check(string? format, string field) =>
        string.IsNullOrEmpty(format)
            ? ModelSpecResult.Invalid($"{field} is required")
            : string.Equals(format, Onnx, StringComparison.OrdinalIgnoreCase)
                ? null
                : ModelSpecResult.Invalid($"{field} '{format}' is not served here: this mesh serves onnx models", FailureReasons.NoSupportingRuntime);
}
