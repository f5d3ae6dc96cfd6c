namespace ModelMesh.Registry.Tests.Contract;

/// <summary>Sample records for the contract tests.</summary>
internal static class RegistryRecords
{
    public static ModelRecord Model(string id, string uri = "file:///models/m.onnx") => new()
    {
        ModelId = id,
        StorageUri = uri,
        Version = "1",
        SizeHintBytes = 1234,
        RequiredLabels = new Dictionary<string, string> { ["zone"] = "a" },
    };
}
