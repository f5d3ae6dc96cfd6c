using ModelMesh.Onnx;
using ModelMesh.Testing;

namespace ModelMesh.Storage.Tests;

/// <summary>The sample mlp model's bytes (FP32 [-1,4] -> [-1,3]) and throwaway folders.</summary>
internal static class TestModels
{
    private static readonly Lazy<byte[]> MlpBytes = new(() =>
    {
        var dir = Directory.CreateTempSubdirectory("mm-storage-mlp-");
        try
        {
            return File.ReadAllBytes(ModelFactory.WriteSample(dir.FullName, SampleModels.Mlp, "mlp"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    });

    public static byte[] Mlp => MlpBytes.Value;

    /// <summary>Deterministic bytes of a given length (not a model: for cache and transfer tests).</summary>
    public static byte[] Blob(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string TempDirectory() => Directory.CreateTempSubdirectory("mm-storage-").FullName;
}
