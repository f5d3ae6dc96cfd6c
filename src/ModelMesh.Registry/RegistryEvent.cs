namespace ModelMesh.Registry;

public enum RegistryEventKind
{
    ModelRegistered,
    ModelUnregistered,
    VModelChanged,
    VModelDeleted,
    SiloChanged,
    SiloRemoved,
    CopyChanged,
    CopyRemoved,
    ClaimChanged,
}

/// <summary>
/// A change hint (invariant 7): consumers apply it idempotently by re-reading the state it names.
/// <see cref="Key"/> is the model, vmodel or silo id; <see cref="SiloId"/> is set for copy and claim events.
/// </summary>
public sealed record RegistryEvent(string Id, RegistryEventKind Kind, string Key, string? SiloId = null);
