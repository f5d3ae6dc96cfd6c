namespace ModelMesh.Kubernetes.Resources;

/// <summary>
/// Turns the storage fields of a KServe resource into the mesh's <c>storageUri</c> + <c>storageKey</c>:
/// a <c>storageUri</c> as given; <c>persistentVolumeClaim.claimName</c> + path as <c>pvc://claim/path</c>;
/// a storage key (<c>storage.key</c> or <c>storage.s3.secretKey</c>) + bucket + path as <c>s3://bucket/path</c>
/// with that key (<c>s3:///path</c> without a bucket: the entry's <c>default_bucket</c>); an absolute path with no storage as <c>file://</c> (local use).
/// </summary>
public static class StorageLocation
{
    public sealed record Fields(string? StorageUri, string? Path, string? StorageKey, string? Bucket, string? ClaimName, string PathField);

    /// <summary>The URI and key, or an error message naming the fields.</summary>
    public static (string? Uri, string? Key, string? Error) Resolve(Fields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var path = string.IsNullOrEmpty(fields.Path) ? null : fields.Path;
        if (!string.IsNullOrEmpty(fields.StorageUri))
        {
            return path is not null
                ? (null, null, $"storageUri and {fields.PathField} cannot both be set")
                : Uri.TryCreate(fields.StorageUri, UriKind.Absolute, out _)
                    ? (fields.StorageUri, NullIfEmpty(fields.StorageKey), null)
                    : (null, null, $"storageUri '{fields.StorageUri}' is not an absolute URI (e.g. s3://bucket/path, pvc://claim/path)");
        }

        if (path is null)
        {
            return (null, null, $"{fields.PathField} or storageUri is required");
        }

        var relative = path.TrimStart('/');
        if (!string.IsNullOrEmpty(fields.ClaimName))
        {
            return ($"pvc://{fields.ClaimName}/{relative}", null, null);
        }

        if (!string.IsNullOrEmpty(fields.StorageKey))
        {
            // No bucket: s3:///path, the storage-config entry's default_bucket.
            return ($"s3://{fields.Bucket}/{relative}", fields.StorageKey, null);
        }

        return Path.IsPathRooted(path)
            ? (new Uri(path).AbsoluteUri, null, null)
            : (null, null, $"{fields.PathField} '{path}' is relative but no storage is given (storage.key, storage.persistentVolumeClaim or an absolute path)");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
