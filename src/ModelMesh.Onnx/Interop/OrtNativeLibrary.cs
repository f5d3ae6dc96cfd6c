using System.Runtime.InteropServices;

namespace ModelMesh.Onnx.Interop;

/// <summary>
/// Finds and loads libonnxruntime once per process and hands out its API table. The library is
/// taken from the first place that names one: the explicit path, MODELMESH_ORT_LIBRARY, then the
/// application's base directory. A library cannot be unloaded, so later requests must name the same file.
/// </summary>
internal static class OrtNativeLibrary
{
    public const string EnvironmentVariable = "MODELMESH_ORT_LIBRARY";

    /// <summary>The ORT_API_VERSION whose table layout <see cref="OrtApiIndex"/> follows (any newer library serves it).</summary>
    public const uint ApiVersion = 29;

    private static readonly string[] BaseDirectoryFileNames =
        ["libonnxruntime.so.1", "libonnxruntime.so", "libonnxruntime.dylib", "onnxruntime.dll"];

    private static readonly Lock Gate = new();
    private static OrtApi? loaded;

    /// <summary>The loaded API; throws when nothing has been loaded yet.</summary>
    public static OrtApi Api => Volatile.Read(ref loaded) ?? throw new InvalidOperationException("ONNX Runtime has not been loaded; create an OrtRuntime first.");

    public static OrtApi Load(string? explicitPath)
    {
        lock (Gate)
        {
            var path = Resolve(explicitPath);
            if (loaded is not null)
            {
                if (!string.Equals(Path.GetFullPath(path), loaded.LibraryPath, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"ONNX Runtime is already loaded from '{loaded.LibraryPath}'; a process cannot switch to '{path}'.");
                }

                return loaded;
            }

            var library = NativeLibrary.Load(path);
            var getApiBase = NativeLibrary.GetExport(library, "OrtGetApiBase");
            var api = OrtApi.FromGetApiBase(getApiBase, Path.GetFullPath(path));
            Volatile.Write(ref loaded, api);
            return api;
        }
    }

    private static string Resolve(string? explicitPath)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return File.Exists(explicitPath)
                ? explicitPath
                : throw NotFound($"OrtRuntimeOptions.LibraryPath names '{explicitPath}', which does not exist.");
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? fromEnvironment
                : throw NotFound($"{EnvironmentVariable} names '{fromEnvironment}', which does not exist.");
        }

        foreach (var name in BaseDirectoryFileNames)
        {
            var candidate = Path.Combine(AppContext.BaseDirectory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw NotFound($"No ONNX Runtime library in the application directory '{AppContext.BaseDirectory}'.");
    }

    private static DllNotFoundException NotFound(string detail) => new(
        $"ONNX Runtime library not found. {detail} It is looked for, in order, at OrtRuntimeOptions.LibraryPath, " +
        $"the {EnvironmentVariable} environment variable, and libonnxruntime.so.1 in the application's base directory " +
        "(the ModelMesh.Onnx build copies it there from the onnxruntime-node npm package).");
}
