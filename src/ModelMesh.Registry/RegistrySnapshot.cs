namespace ModelMesh.Registry;

/// <summary>The whole registry at one moment, for a full resync, with the change-stream position to follow from.</summary>
public sealed record RegistrySnapshot(
    IReadOnlyList<ModelRecord> Models,
    IReadOnlyList<VModelRecord> VModels,
    string StreamPosition);
