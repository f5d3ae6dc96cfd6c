using ModelMesh.Onnx;

namespace ModelMesh.Silo;

/// <summary>
/// The one ONNX Runtime environment of this process, shared by every node or silo hosted in it
/// (ORT allows one environment per process). Created on first use and kept for the process lifetime.
/// </summary>
public static class ProcessOrtRuntime
{
    private static readonly Lock Gate = new();

    public static OrtRuntime Get(OrtRuntimeOptions? options = null)
    {
        lock (Gate)
        {
            return OrtRuntime.Current ?? OrtRuntime.Create(options);
        }
    }
}
