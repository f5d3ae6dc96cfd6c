namespace ModelMesh.Registry;

public enum RegistryEventKind
{
    ModelRegistered,
    ModelUnregistered,
    VModelChanged,
    VModelDeleted,
}

/// <summary>
/// A change hint (invariant 7): consumers apply it idempotently by re-reading the state it names.
/// <see cref="Key"/> is the model or vmodel id.
/// </summary>
public sealed record RegistryEvent(string Id, RegistryEventKind Kind, string Key);
