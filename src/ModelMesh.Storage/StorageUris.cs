namespace ModelMesh.Storage;

/// <summary>Parses storage URIs; an unsupported or malformed one is an <see cref="InvalidStorageReferenceException"/>.</summary>
public static class StorageUris
{
    public static readonly IReadOnlyList<string> SupportedSchemes = ["file", "pvc", "s3", "azure", "http", "https"];

    private const string AzureBlobHostSuffix = ".blob.core.windows.net";

    public static StorageLocation Parse(string storageUri)
    {
        if (string.IsNullOrEmpty(storageUri) || !Uri.TryCreate(storageUri, UriKind.Absolute, out var uri))
        {
            throw new InvalidStorageReferenceException(
                $"storage URI '{storageUri}' is not an absolute URI (e.g. file:///models/m/model.onnx, s3://bucket/m/model.onnx)");
        }

        var path = Uri.UnescapeDataString(uri.AbsolutePath).TrimStart('/');
        var host = uri.IsDefaultPort || uri.Port < 0 ? uri.Host : uri.Authority;
        switch (uri.Scheme)
        {
            case "file":
                return new StorageLocation(StorageKind.File, uri, string.Empty, uri.LocalPath, null);
            case "pvc":
                RequirePart(uri, host, "claim name", "pvc://CLAIM/path/model.onnx");
                RequirePart(uri, path, "path inside the claim", "pvc://CLAIM/path/model.onnx");
                if (path.Split('/').Contains(".."))
                {
                    throw new InvalidStorageReferenceException($"storage URI '{StorageLocation.Redact(uri)}' must not leave its claim with '..'");
                }

                return new StorageLocation(StorageKind.Pvc, uri, host, path, null);
            case "s3":
                RequirePart(uri, path, "object key", "s3://BUCKET/path/model.onnx");
                return new StorageLocation(StorageKind.S3, uri, host, path, null);
            case "azure":
                RequirePart(uri, path, "blob name", "azure://CONTAINER/path/model.onnx");
                return new StorageLocation(StorageKind.Azure, uri, host, path, null);
            case "http" or "https" when uri.Host.EndsWith(AzureBlobHostSuffix, StringComparison.OrdinalIgnoreCase):
                var slash = path.IndexOf('/', StringComparison.Ordinal);
                if (slash <= 0 || slash == path.Length - 1)
                {
                    throw new InvalidStorageReferenceException(
                        $"storage URI '{StorageLocation.Redact(uri)}' needs a container and a blob: https://ACCOUNT{AzureBlobHostSuffix}/CONTAINER/path/model.onnx");
                }

                return new StorageLocation(StorageKind.Azure, uri, path[..slash], path[(slash + 1)..], uri.Host[..^AzureBlobHostSuffix.Length]);
            case "http" or "https":
                return new StorageLocation(StorageKind.Http, uri, host, path, null);
            default:
                throw new InvalidStorageReferenceException(
                    $"storage URI scheme '{uri.Scheme}' is not supported; supported: {string.Join(", ", SupportedSchemes)}");
        }
    }

    private static void RequirePart(Uri uri, string value, string what, string example)
    {
        if (value.Length == 0)
        {
            throw new InvalidStorageReferenceException($"storage URI '{StorageLocation.Redact(uri)}' has no {what} (e.g. {example})");
        }
    }
}
