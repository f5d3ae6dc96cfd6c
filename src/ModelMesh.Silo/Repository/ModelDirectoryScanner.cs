namespace ModelMesh.Silo.Repository;

/// <summary>
/// Finds models in a folder: <c>DIR/&lt;model&gt;/model.onnx</c> (served as version "1") or
/// <c>DIR/&lt;model&gt;/&lt;N&gt;/model.onnx</c> with numeric versions (the highest is the default).
/// </summary>
public static class ModelDirectoryScanner
{
    public const string ModelFileName = "model.onnx";

    public static IReadOnlyDictionary<string, SortedDictionary<long, string>> Scan(string directory)
    {
        var models = new Dictionary<string, SortedDictionary<long, string>>(StringComparer.Ordinal);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"models directory '{directory}' does not exist");
        }

        foreach (var modelDir in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(modelDir);
            var versions = new SortedDictionary<long, string>();
            foreach (var versionDir in Directory.EnumerateDirectories(modelDir))
            {
                if (long.TryParse(Path.GetFileName(versionDir), out var version) && version >= 0
                    && File.Exists(Path.Combine(versionDir, ModelFileName)))
                {
                    versions[version] = Path.Combine(versionDir, ModelFileName);
                }
            }

            var flat = Path.Combine(modelDir, ModelFileName);
            if (versions.Count == 0 && File.Exists(flat))
            {
                versions[1] = flat;
            }

            if (versions.Count > 0)
            {
                models[name] = versions;
            }
        }

        return models;
    }
}
