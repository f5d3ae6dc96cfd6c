using ModelMesh.Storage.Config;

namespace ModelMesh.Storage;

/// <summary>A storage URI with the storage-config entry it is read with (null: none needed) and the bucket/container it resolves to.</summary>
public sealed record ModelSource(StorageLocation Location, StorageEntry? Entry, string Container)
{
    /// <summary>Safe to log and show: the URI without user info or query, plus the entry's key.</summary>
    public string Display => Entry is null ? Location.Display : $"{Location.Display} (storage key '{Entry.Key}')";
}
