namespace ModelMesh.Registry;

/// <summary>
/// Model formats the mesh serves. Storage URIs (file, pvc, s3, azure, http) are parsed and resolved by
/// ModelMesh.Storage (StorageUris, ModelSourceResolver, ModelFetcher).
/// </summary>
public static class ModelStorage
{
    public static readonly IReadOnlyList<string> SupportedFormats = ["onnx"];
}
