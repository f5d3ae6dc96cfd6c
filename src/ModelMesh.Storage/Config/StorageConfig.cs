using System.Text.Json;

namespace ModelMesh.Storage.Config;

/// <summary>
/// The storage-config entries by key. <see cref="Load"/> reads either a directory holding one file per key (how the
/// <c>storage-config</c> Secret is mounted in a pod: the file name is the key, the content the entry's JSON; the
/// mount's <c>..data</c> links and hidden files are skipped) or one JSON file mapping keys to entries.
/// The key <c>default</c> is used by s3:// and azure:// URIs registered without a key.
/// </summary>
public sealed class StorageConfig
{
    public const string DefaultKey = "default";

    public static readonly StorageConfig Empty = new(new Dictionary<string, StorageEntry>(StringComparer.Ordinal), null);

    private readonly IReadOnlyDictionary<string, StorageEntry> _entries;

    public StorageConfig(IReadOnlyDictionary<string, StorageEntry> entries, string? source)
    {
        _entries = entries;
        Source = source;
    }

    /// <summary>The path it was read from; null when built in code or empty.</summary>
    public string? Source { get; }

    public IReadOnlyCollection<string> Keys => [.. _entries.Keys.Order(StringComparer.Ordinal)];

    public StorageEntry? Find(string key) => _entries.GetValueOrDefault(key);

    public static StorageConfig FromEntries(params StorageEntry[] entries) =>
        new(entries.ToDictionary(e => e.Key, StringComparer.Ordinal), null);

    /// <summary>
    /// Entries from key -> JSON text pairs, e.g. the decoded <c>data</c> of a <c>storage-config</c> Secret read from the
    /// Kubernetes API. A bad entry is a <see cref="StorageConfigException"/> naming its key.
    /// </summary>
    public static StorageConfig FromJsonEntries(IEnumerable<KeyValuePair<string, string>> entries, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var parsed = new Dictionary<string, StorageEntry>(StringComparer.Ordinal);
        foreach (var (key, json) in entries)
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(json);
            }
            catch (JsonException e)
            {
                throw new StorageConfigException($"storage-config entry '{key}' is not valid JSON (line {e.LineNumber + 1})");
            }

            using (doc)
            {
                parsed[key] = StorageEntryParser.Parse(key, doc.RootElement);
            }
        }

        return new StorageConfig(parsed, source);
    }

    /// <summary>Parses a JSON object mapping keys to entries.</summary>
    public static StorageConfig Parse(string json, string? source = null)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new StorageConfigException($"storage config {source ?? "text"} is not valid JSON (line {e.LineNumber + 1})");
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new StorageConfigException($"storage config {source ?? "text"} must be a JSON object mapping storage keys to entries");
            }

            var entries = new Dictionary<string, StorageEntry>(StringComparer.Ordinal);
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                entries[property.Name] = StorageEntryParser.Parse(property.Name, property.Value);
            }

            return new StorageConfig(entries, source);
        }
    }

    public static StorageConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            if (Directory.Exists(path))
            {
                return LoadDirectory(path);
            }

            if (File.Exists(path))
            {
                return Parse(File.ReadAllText(path), path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageConfigException($"storage config {path} cannot be read: {e.Message}", e);
        }

        throw new StorageConfigException($"storage config {path} does not exist (give a directory with one file per key, or a JSON file)");
    }

    private static StorageConfig LoadDirectory(string path)
    {
        var files = Directory.EnumerateFiles(path)
            .Where(file => !Path.GetFileName(file).StartsWith('.')) // ..data and the timestamped folders of a Secret mount, editor leftovers
            .Order(StringComparer.Ordinal)
            .Select(file => KeyValuePair.Create(Path.GetFileName(file), File.ReadAllText(file)));
        return FromJsonEntries(files, path);
    }
}
