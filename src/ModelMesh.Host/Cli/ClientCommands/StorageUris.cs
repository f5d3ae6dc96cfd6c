namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary>Lets <c>--storage-uri</c> take a local path: an existing file or folder becomes an absolute file:// URI.</summary>
internal static class StorageUris
{
    public static string Normalize(string value)
    {
        if (value.Contains("://", StringComparison.Ordinal))
        {
            return value;
        }

        var full = Path.GetFullPath(value);
        return File.Exists(full) || Directory.Exists(full) ? new Uri(full).AbsoluteUri : value;
    }
}
