namespace ModelMesh.Kubernetes.Resources;

/// <summary>
/// A KServe <c>InferenceService</c> (serving.kserve.io/v1beta1) annotated <c>serving.kserve.io/deploymentMode: ModelMesh</c>:
/// <c>spec.predictor.model.modelFormat.name</c> and <c>.storageUri</c> or <c>.storage.key</c> + <c>.storage.path</c>
/// (+ <c>.storage.parameters.bucket</c>). Any other InferenceService belongs to another controller and is ignored.
/// </summary>
public static class InferenceServiceMapper
{
    public const string DeploymentModeAnnotation = "serving.kserve.io/deploymentMode";
    public const string ModelMeshMode = "ModelMesh";

    public static ModelSpecResult Map(KubeResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (!string.Equals(resource.Annotation(DeploymentModeAnnotation), ModelMeshMode, StringComparison.OrdinalIgnoreCase))
        {
            return ModelSpecResult.Ignored;
        }

        if (ResourceKind.Path(resource.Object, "spec", "predictor", "model") is not { } model)
        {
            return ModelSpecResult.Invalid("spec.predictor.model is required in ModelMesh deployment mode");
        }

        if (ModelFormats.Check(ResourceKind.String(model, "modelFormat", "name"), "spec.predictor.model.modelFormat.name") is { } formatError)
        {
            return formatError;
        }

        var fields = new StorageLocation.Fields(
            ResourceKind.String(model, "storageUri"),
            ResourceKind.String(model, "storage", "path"),
            ResourceKind.String(model, "storage", "key"),
            ResourceKind.String(model, "storage", "parameters", "bucket"),
            null,
            "spec.predictor.model.storage.path");
        var (uri, key, error) = StorageLocation.Resolve(fields);
        return error is not null
            ? ModelSpecResult.Invalid(error)
            : ModelSpecResult.Ok(MeshModelSpec.Create(resource, uri!, key, ModelFormats.Onnx));
    }
}
