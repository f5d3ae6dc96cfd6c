namespace ModelMesh.Storage.Config;

/// <summary>
/// One storage-config entry (a key of the <c>storage-config</c> Secret): credentials and defaults for a store.
/// <see cref="ToString"/> names the key and type only; secrets are never printed, and <see cref="Redact"/> scrubs them
/// from any text (an SDK's error message) before it is logged or shown in a model's status.
/// </summary>
public abstract class StorageEntry
{
    protected StorageEntry(string key) => Key = key;

    public string Key { get; }

    /// <summary>"s3", "azure" or "http", as in the entry's <c>type</c> field.</summary>
    public abstract string Type { get; }

    /// <summary>The values that must never appear in logs, metrics or status.</summary>
    protected abstract IEnumerable<string?> SecretValues { get; }

    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in SecretValues)
        {
            if (!string.IsNullOrEmpty(secret) && secret.Length >= 4)
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return text;
    }

    public override string ToString() => $"{Type} storage entry '{Key}'";
}
