namespace ModelMesh.Storage.Config;

/// <summary>
/// <c>{"type": "azure", "account_name", "account_key" | "connection_string", "container"}</c>; <c>endpoint_url</c>
/// (an extension: the blob service URL, e.g. an emulator's) replaces https://ACCOUNT.blob.core.windows.net.
/// No key and no connection string: anonymous reads of a public container.
/// </summary>
public sealed class AzureStorageEntry(string key) : StorageEntry(key)
{
    public override string Type => "azure";

    public string? AccountName { get; init; }

    public string? AccountKey { get; init; }

    public string? ConnectionString { get; init; }

    public string? Container { get; init; }

    public Uri? EndpointUrl { get; init; }

    protected override IEnumerable<string?> SecretValues => [AccountKey, ConnectionString, .. ConnectionStringSecrets()];

    private IEnumerable<string?> ConnectionStringSecrets()
    {
        foreach (var part in (ConnectionString ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && part[..eq].Trim() is "AccountKey" or "SharedAccessSignature")
            {
                yield return part[(eq + 1)..].Trim();
            }
        }
    }
}
