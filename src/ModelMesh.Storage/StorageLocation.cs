namespace ModelMesh.Storage;

/// <summary>
/// A parsed storage URI. <see cref="Container"/> is the bucket (s3), container (azure) or claim (pvc), empty when
/// the URI leaves it to the storage-config entry (<c>s3:///key</c> takes the entry's default bucket);
/// <see cref="Path"/> is the object key, blob name or path inside the claim. <see cref="Display"/> is safe to log:
/// it drops user info and the query string (where SAS tokens travel).
/// </summary>
public sealed record StorageLocation(StorageKind Kind, Uri Uri, string Container, string Path, string? AccountName)
{
    public string Display { get; } = Redact(Uri);

    public bool IsLocal => Kind is StorageKind.File or StorageKind.Pvc;

    /// <summary>The URI without user info and query: what logs, traces and status messages may show.</summary>
    public static string Redact(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var builder = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty, Query = string.Empty };
        var text = builder.Uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        return uri.Query.Length > 0 ? text + "?..." : text;
    }
}
