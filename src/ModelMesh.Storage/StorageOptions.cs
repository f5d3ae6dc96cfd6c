namespace ModelMesh.Storage;

/// <summary>
/// Where models are fetched to and how (section <c>ModelMesh:Storage</c>; environment <c>ModelMesh__Storage__CacheSizeLimitBytes=...</c>).
/// Validated by <see cref="StorageOptionsValidator"/>.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "ModelMesh:Storage";

    /// <summary>The storage-config directory (one file per key) or JSON file; null: no entries.</summary>
    public string? StorageConfigPath { get; set; }

    /// <summary>
    /// Where downloaded models are kept: each silo uses its own folder under it (ROOT/&lt;silo id&gt;, see <see cref="ForOwner"/>),
    /// because one process owns a cache folder. Default ~/.cache/modelmesh/models.
    /// </summary>
    public string CacheDirectory { get; set; } = DefaultCacheRoot();

    /// <summary>The most bytes the cache holds; least recently used files not in use are deleted to make room.</summary>
    public long CacheSizeLimitBytes { get; set; } = 20L * 1024 * 1024 * 1024;

    /// <summary>The longest one model's download may take, every attempt and backoff included.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts per download; transient failures (network, 5xx, throttling, a bad transfer) are retried.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Backoff before the second attempt; doubles per attempt up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A download logs its progress every this many bytes (only files larger than it log progress).</summary>
    public long ProgressLogBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Where pvc://CLAIM/path is read: ROOT/CLAIM/path.</summary>
    public string PvcMountRoot { get; set; } = "/mnt/models";

    public static string DefaultCacheRoot() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "modelmesh", "models");

    /// <summary>A copy whose cache folder is CacheDirectory/&lt;owner&gt; (characters not allowed in file names become '_').</summary>
    public StorageOptions ForOwner(string owner)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var invalid = Path.GetInvalidFileNameChars();
        var folder = new string([.. owner.Select(c => invalid.Contains(c) || c == ':' ? '_' : c)]);
        var copy = (StorageOptions)MemberwiseClone();
        copy.CacheDirectory = Path.Combine(CacheDirectory, folder);
        return copy;
    }
}
