using ModelMesh.Serving;

namespace ModelMesh.Silo.Mesh;

/// <summary>Resolves a model's storage URI to a local model file. Schemes: <c>file://</c> (a file, or a folder holding model.onnx).</summary>
public static class ModelStorage
{
    public static readonly IReadOnlyList<string> SupportedSchemes = ["file"];

    /// <summary>Checks a URI at registration time; throws INVALID_ARGUMENT naming what is wrong.</summary>
    public static Uri Validate(string storageUri)
    {
        if (!Uri.TryCreate(storageUri, UriKind.Absolute, out var uri))
        {
            throw ServingException.InvalidArgument($"storage URI '{storageUri}' is not an absolute URI (e.g. file:///models/m/model.onnx)");
        }

        if (!SupportedSchemes.Contains(uri.Scheme))
        {
            throw ServingException.InvalidArgument(
                $"storage URI scheme '{uri.Scheme}' is not supported; supported: {string.Join(", ", SupportedSchemes)}");
        }

        return uri;
    }

    /// <summary>The local path of the model file; FAILED_PRECONDITION-style errors become load failures.</summary>
    public static string ResolveLocalFile(string storageUri)
    {
        var uri = Validate(storageUri);
        var path = uri.LocalPath;
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
