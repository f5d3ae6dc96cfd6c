using System.Text;
using k8s.Models;
using ModelMesh.Kubernetes.Resources;
using ModelMesh.Storage;
using ModelMesh.Storage.Config;

namespace ModelMesh.Kubernetes.StorageSecret;

/// <summary>
/// What the controller knows of the namespace's <c>storage-config</c> Secret, and the check of a resource's storage
/// against it before registration. Immutable; the watcher swaps in a new one on every change. Messages name the
/// Secret, keys and fields only: entry values (credentials) never reach a status or a log.
/// </summary>
public sealed class StorageSecretState
{
    private StorageSecretState(Availability kind, string secretName, string @namespace, StorageConfig config, IReadOnlyDictionary<string, string> badEntries, string? reason, string version)
    {
        Kind = kind;
        SecretName = secretName;
        Namespace = @namespace;
        Config = config;
        BadEntries = badEntries;
        Reason = reason;
        Version = version;
    }

    public enum Availability
    {
        /// <summary>No Secret is read (the option is empty): keys are left to the mesh's registration check.</summary>
        Disabled,
        Missing,
        Unreadable,
        Present,
    }

    public Availability Kind { get; }

    public string SecretName { get; }

    public string Namespace { get; }

    /// <summary>The entries that parsed (empty unless present).</summary>
    public StorageConfig Config { get; }

    /// <summary>Entries of the Secret that were refused, by key: why (names the key and field, never a value).</summary>
    public IReadOnlyDictionary<string, string> BadEntries { get; }

    /// <summary>Why the Secret cannot be read (unreadable only).</summary>
    public string? Reason { get; }

    /// <summary>Changes whenever what a check answers may change (the Secret's resourceVersion, or its absence).</summary>
    public string Version { get; }

    public static StorageSecretState Disabled(string @namespace) =>
        new(Availability.Disabled, "", @namespace, StorageConfig.Empty, new Dictionary<string, string>(), null, "disabled");

    public static StorageSecretState Missing(string secretName, string @namespace) =>
        new(Availability.Missing, secretName, @namespace, StorageConfig.Empty, new Dictionary<string, string>(), null, "missing");

    public static StorageSecretState Unreadable(string secretName, string @namespace, string reason) =>
        new(Availability.Unreadable, secretName, @namespace, StorageConfig.Empty, new Dictionary<string, string>(), reason, "unreadable:" + reason);

    /// <summary>
    /// Reads the Secret's <c>data</c> (KubernetesClient has already decoded the base64): each entry is parsed on its
    /// own, so one bad entry fails only the resources that name it.
    /// </summary>
    public static StorageSecretState FromSecret(V1Secret secret, string @namespace)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var name = secret.Metadata?.Name ?? "";
        var entries = new Dictionary<string, StorageEntry>(StringComparer.Ordinal);
        var bad = new Dictionary<string, string>(StringComparer.Ordinal);
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        foreach (var (key, bytes) in secret.Data ?? new Dictionary<string, byte[]>())
        {
            try
            {
                var json = strict.GetString(bytes ?? []);
                var parsed = StorageConfig.FromJsonEntries([KeyValuePair.Create(key, json)]);
                entries[key] = parsed.Find(key)!;
            }
            catch (DecoderFallbackException)
            {
                bad[key] = $"storage-config entry '{key}' is not UTF-8 text";
            }
            catch (StorageConfigException e)
            {
                bad[key] = e.Message;
            }
        }

        return new(Availability.Present, name, @namespace, new StorageConfig(entries, $"Secret {@namespace}/{name}"), bad, null, "present:" + secret.Metadata?.ResourceVersion);
    }

    /// <summary>
    /// Null when <paramref name="model"/>'s storage URI and key can be used with this Secret, else why not (for
    /// <c>lastFailureInfo.message</c>). Without the Secret (missing, unreadable) only resources naming a key are held back;
    /// with it, the mesh's own registration rules are applied (unknown key, key of the wrong type, no bucket...).
    /// </summary>
    public string? Check(MeshModelSpec model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var key = string.IsNullOrEmpty(model.StorageKey) ? null : model.StorageKey;
        switch (Kind)
        {
            case Availability.Disabled:
                return null;
            case Availability.Missing:
                return key is null ? null
                    : $"storage key '{key}' cannot be used: the Secret '{SecretName}' does not exist in namespace '{Namespace}' (create it with an entry '{key}'; see docs/kubernetes.md)";
            case Availability.Unreadable:
                return key is null ? null
                    : $"storage key '{key}' cannot be checked: the Secret '{SecretName}' in namespace '{Namespace}' cannot be read ({Reason})";
        }

        if (key is not null && BadEntries.TryGetValue(key, out var why))
        {
            return $"{why} (Secret '{SecretName}')";
        }

        try
        {
            ModelSourceResolver.Resolve(model.StorageUri, key, Config);
            return null;
        }
        catch (InvalidStorageReferenceException e)
        {
            return $"{e.Message} (Secret '{SecretName}')";
        }
    }
}
