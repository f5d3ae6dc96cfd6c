using k8s.Models;

namespace ModelMesh.Kubernetes.Resources;

/// <summary>
/// A KServe <c>TrainedModel</c> (serving.kserve.io/v1alpha1): <c>spec.inferenceService</c>, <c>spec.model.framework</c>,
/// <c>spec.model.storageUri</c> and <c>spec.model.memory</c> (a quantity such as <c>256Mi</c>, the model's size hint).
/// </summary>
public static class TrainedModelMapper
{
    public static ModelSpecResult Map(KubeResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (ResourceKind.Path(resource.Object, "spec", "model") is not { } model)
        {
            return ModelSpecResult.Invalid("spec.model is required");
        }

        if (string.IsNullOrEmpty(ResourceKind.String(resource.Object, "spec", "inferenceService")))
        {
            return ModelSpecResult.Invalid("spec.inferenceService is required");
        }

        if (ModelFormats.Check(ResourceKind.String(model, "framework"), "spec.model.framework") is { } formatError)
        {
            return formatError;
        }

        long size = 0;
        if (ResourceKind.String(model, "memory") is { Length: > 0 } memory)
        {
            try
            {
                size = new ResourceQuantity(memory).ToInt64();
            }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
            {
                return ModelSpecResult.Invalid($"spec.model.memory '{memory}' is not a quantity (e.g. 256Mi)");
            }
        }

        var (uri, key, error) = StorageLocation.Resolve(new StorageLocation.Fields(ResourceKind.String(model, "storageUri"), null, null, null, null, "spec.model.storageUri"));
        return error is not null
            ? ModelSpecResult.Invalid(error)
            : ModelSpecResult.Ok(MeshModelSpec.Create(resource, uri!, key, ModelFormats.Onnx, size));
    }
}
