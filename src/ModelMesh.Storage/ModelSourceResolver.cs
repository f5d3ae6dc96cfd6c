using ModelMesh.Storage.Config;

namespace ModelMesh.Storage;

/// <summary>
/// Decides, from a storage URI, an optional storage key and the storage config, where a model is read from and
/// with which credentials; registration calls it so that an unknown key, a key of the wrong type or an unsupported
/// scheme is refused up front (INVALID_ARGUMENT / 400), not found by a failed load later.
/// Rules: file:// and pvc:// take no key; s3:// and azure:// without a key use the <c>default</c> entry and need
/// one; s3:///key and azure:///blob take the bucket/container from the entry; http(s):// and blob URLs work without a key.
/// </summary>
public static class ModelSourceResolver
{
    public static ModelSource Resolve(string storageUri, string? storageKey, StorageConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var location = StorageUris.Parse(storageUri);
        var entry = FindEntry(location, string.IsNullOrEmpty(storageKey) ? null : storageKey, config);
        var container = location.Container;
        switch (location.Kind)
        {
            case StorageKind.S3:
                container = container.Length > 0 ? container : ((S3StorageEntry)entry!).DefaultBucket ?? string.Empty;
                if (container.Length == 0)
                {
                    throw new InvalidStorageReferenceException(
                        $"storage URI '{location.Display}' names no bucket and storage-config entry '{entry!.Key}' has no default_bucket");
                }

                break;
            case StorageKind.Azure:
                container = container.Length > 0 ? container : (entry as AzureStorageEntry)?.Container ?? string.Empty;
                if (container.Length == 0)
                {
                    throw new InvalidStorageReferenceException(
                        $"storage URI '{location.Display}' names no container and the storage-config entry has no \"container\"");
                }

                if (location.AccountName is null && entry is AzureStorageEntry { AccountName: null, ConnectionString: null, EndpointUrl: null })
                {
                    throw new InvalidStorageReferenceException(
                        $"storage-config entry '{entry.Key}' needs \"account_name\" or \"connection_string\" for '{location.Display}'");
                }

                break;
        }

        return new ModelSource(location, entry, container);
    }

    private static StorageEntry? FindEntry(StorageLocation location, string? key, StorageConfig config)
    {
        if (location.IsLocal)
        {
            return key is null ? null : throw new InvalidStorageReferenceException(
                $"storage URI '{location.Display}' is read from the local file system and takes no storage key (got '{key}')");
        }

        var type = location.Kind switch
        {
            StorageKind.S3 => "s3",
            StorageKind.Azure => "azure",
            _ => "http",
        };
        if (key is null)
        {
            var fallback = config.Find(StorageConfig.DefaultKey);
            if (location.Kind is StorageKind.S3 || (location.Kind is StorageKind.Azure && location.AccountName is null))
            {
                if (fallback is null || fallback.Type != type)
                {
                    throw new InvalidStorageReferenceException(
                        $"storage URI '{location.Display}' needs a storage key naming a {type} storage-config entry (or a '{StorageConfig.DefaultKey}' {type} entry){KeysHint(config)}");
                }

                return fallback;
            }

            return fallback?.Type == type && location.Kind is StorageKind.Azure ? fallback : null;
        }

        var entry = config.Find(key) ?? throw new InvalidStorageReferenceException($"unknown storage key '{key}'{KeysHint(config)}");
        return entry.Type == type ? entry : throw new InvalidStorageReferenceException(
            $"storage key '{key}' is a {entry.Type} entry; '{location.Display}' needs a {type} one");
    }

    private static string KeysHint(StorageConfig config) =>
        config.Keys.Count == 0 ? "; no storage config is loaded (--storage-config)" : $"; configured keys: {string.Join(", ", config.Keys)}";
}
