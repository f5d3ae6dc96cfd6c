namespace ModelMesh.Registry;

/// <summary>
/// Storage URIs of models. Schemes today: <c>file://</c> (a model file, or a folder holding model.onnx).
/// Registration validates with <see cref="Validate"/>; silos resolve with <see cref="ResolveLocalFile"/>.
/// </summary>
public static class ModelStorage
{
    public static readonly IReadOnlyList<string> SupportedSchemes = ["file"];

    public static readonly IReadOnlyList<string> SupportedFormats = ["onnx"];

    /// <summary>Throws <see cref="ArgumentException"/> naming what is wrong with the URI.</summary>
    public static Uri Validate(string storageUri)
    {
        if (!Uri.TryCreate(storageUri, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"storage URI '{storageUri}' is not an absolute URI (e.g. file:///models/m/model.onnx)");
        }

        if (!SupportedSchemes.Contains(uri.Scheme))
        {
            throw new ArgumentException(
                $"storage URI scheme '{uri.Scheme}' is not supported; supported: {string.Join(", ", SupportedSchemes)}");
        }

        return uri;
    }

    /// <summary>The local path of the model file; <see cref="FileNotFoundException"/> when it is not there.</summary>
    public static string ResolveLocalFile(string storageUri)
    {
        var path = Validate(storageUri).LocalPath;
        if (Directory.Exists(path))
        {
            path = Path.Combine(path, "model.onnx");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"model file '{path}' (from {storageUri}) does not exist", path);
        }

        return path;
    }
}
