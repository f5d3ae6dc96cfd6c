namespace ModelMesh.Registry;

/// <summary>
/// The whole registry at one moment, for a full resync, with the change-stream position to follow from.
/// <see cref="Silos"/> holds only silos with live leases.
/// </summary>
public sealed record RegistrySnapshot(
    IReadOnlyList<ModelRecord> Models,
    IReadOnlyList<VModelRecord> VModels,
    IReadOnlyList<SiloRecord> Silos,
    IReadOnlyList<CopyRecord> Copies,
    string StreamPosition);
