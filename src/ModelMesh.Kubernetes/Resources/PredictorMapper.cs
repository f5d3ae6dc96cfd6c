namespace ModelMesh.Kubernetes.Resources;

/// <summary>
/// A KServe ModelMesh <c>Predictor</c> (serving.kserve.io/v1alpha1): <c>spec.modelType.name</c>, <c>spec.path</c>,
/// <c>spec.storage</c> in its two shapes (<c>{s3: {secretKey, bucket}}</c> / <c>{persistentVolumeClaim: {claimName}}</c>
/// and the newer <c>{key, path, parameters}</c>) or <c>spec.storageUri</c>; <c>spec.gpu: required</c> asks for a GPU silo.
/// </summary>
public static class PredictorMapper
{
    public static ModelSpecResult Map(KubeResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (ResourceKind.Path(resource.Object, "spec") is not { } spec)
        {
            return ModelSpecResult.Invalid("spec is required");
        }

        var format = ResourceKind.String(spec, "modelType", "name");
        if (ModelFormats.Check(format, "spec.modelType.name") is { } formatError)
        {
            return formatError;
        }

        var fields = new StorageLocation.Fields(
            ResourceKind.String(spec, "storageUri"),
            ResourceKind.String(spec, "path") ?? ResourceKind.String(spec, "storage", "path"),
            ResourceKind.String(spec, "storage", "key") ?? ResourceKind.String(spec, "storage", "s3", "secretKey"),
            ResourceKind.String(spec, "storage", "parameters", "bucket") ?? ResourceKind.String(spec, "storage", "s3", "bucket"),
            ResourceKind.String(spec, "storage", "persistentVolumeClaim", "claimName"),
            "spec.path");
        var (uri, key, error) = StorageLocation.Resolve(fields);
        if (error is not null)
        {
            return ModelSpecResult.Invalid(error);
        }

        var device = ResourceKind.String(spec, "gpu") == "required" ? "gpu" : "cpu";
        return ModelSpecResult.Ok(MeshModelSpec.Create(resource, uri!, key, ModelFormats.Onnx, deviceClass: device));
    }
}
