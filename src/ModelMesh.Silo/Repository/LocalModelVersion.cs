using ModelMesh.Serving;

namespace ModelMesh.Silo.Repository;

/// <summary>One version of a model in a node's repository: its file, state, and (when ready) its session.</summary>
public sealed class LocalModelVersion(string modelName, long version, string path)
{
    public string ModelName { get; } = modelName;

    public long Version { get; } = version;

    public string VersionText { get; } = version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string Path { get; } = path;

    public ModelState State { get; set; } = ModelState.Unavailable;

    public string? Error { get; set; }

    /// <summary>The current session; null while not loaded.</summary>
    public LoadedSession? Session { get; set; }

    /// <summary>Signature from the last successful load, kept after an unload for metadata.</summary>
    public ModelSignature? Signature { get; set; }

    /// <summary>Serializes load and unload of this version.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);
}
