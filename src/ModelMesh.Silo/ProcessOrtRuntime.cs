using ModelMesh.Onnx;

namespace ModelMesh.Silo;

/// <summary>
/// The one ONNX Runtime environment of this process, shared by every node or silo hosted in it
/// (ORT allows one environment per process). Created on first use and kept for the process lifetime.
/// </summary>
public static class ProcessOrtRuntime
{
    private static readonly Lock Gate = new();

    /// <summary>
    /// Creates and runs one tiny session so ONNX Runtime's one-time lazy initialisation (about 10 MiB) happens
    /// now, not inside the first model's load, where a silo would count it as that model's size.
    /// </summary>
    private static void WarmUp(OrtRuntime runtime)
    {
        using var session = runtime.CreateSession(SampleModels.Build(SampleModels.Simple));
        var zeros = new byte[64];
        session.Run(
            [OrtInputTensor.FromBytes("INPUT0", TensorElementType.Int32, [1, 16], zeros), OrtInputTensor.FromBytes("INPUT1", TensorElementType.Int32, [1, 16], zeros)],
            ["OUTPUT0"]);
    }

    public static OrtRuntime Get(OrtRuntimeOptions? options = null)
    {
        lock (Gate)
        {
            if (OrtRuntime.Current is { } current)
            {
                return current;
            }

            var runtime = OrtRuntime.Create(options);
            WarmUp(runtime);
            return runtime;
        }
    }
}
