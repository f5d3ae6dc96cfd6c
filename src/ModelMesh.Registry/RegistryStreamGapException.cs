namespace ModelMesh.Registry;

/// <summary>The change stream no longer holds the position a consumer asked for: re-read the snapshot.</summary>
public sealed class RegistryStreamGapException(string position)
    : Exception($"registry change stream position '{position}' is no longer available; resync from a snapshot")
{
    public string Position { get; } = position;
}
