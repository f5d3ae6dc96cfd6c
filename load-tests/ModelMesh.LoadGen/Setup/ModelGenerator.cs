using ModelMesh.Onnx;
using ModelMesh.Onnx.Authoring;

namespace ModelMesh.LoadGen.Setup;

/// <summary>
/// Writes N distinct two-layer MLPs (Gemm, Relu, Gemm; input FP32 [batch, 64], output FP32 [batch, 10]) whose
/// seeded random weights take about the requested bytes, as DIR/PREFIX-NNNN.onnx. A folder already holding the
/// set (same count, size and prefix) is reused.
/// </summary>
public static class ModelGenerator
{
    public const int Inputs = 64;
    public const int Outputs = 10;

    public static string DefaultDirectory(string prefix, int count, long bytes) =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "modelmesh", "loadgen", $"{prefix}-{count}-{bytes}");

    public static string ModelId(string prefix, int index, int count) =>
        $"{prefix}-{index.ToString(count > 9999 ? "D6" : "D4", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Writes the set (unless present) and returns (model id, absolute path) pairs and the total file bytes.</summary>
    public static (IReadOnlyList<(string Id, string Path)> Models, long TotalBytes) Ensure(string directory, string prefix, int count, long bytes)
    {
        Directory.CreateDirectory(directory);
        var marker = Path.Combine(directory, ".complete");
        var models = Enumerable.Range(0, count)
            .Select(i => (Id: ModelId(prefix, i, count), Path: Path.Combine(Path.GetFullPath(directory), ModelId(prefix, i, count) + ".onnx")))
            .ToList();
        if (!File.Exists(marker))
        {
            var hidden = HiddenFor(bytes);
            Parallel.For(0, count, i => Write(models[i].Path, hidden, seed: 1000 + i));
            File.WriteAllText(marker, $"{count} x {bytes}\n");
        }

        return (models, models.Sum(m => new FileInfo(m.Path).Length));
    }

    /// <summary>Hidden width whose FP32 weights (W1, B1, W2, B2) take about <paramref name="bytes"/>.</summary>
    public static int HiddenFor(long bytes) => (int)Math.Max(1, ((bytes / 4) - Outputs) / (Inputs + Outputs + 1));

    private static void Write(string path, int hidden, int seed)
    {
        var random = new Random(seed);
        new OnnxModelBuilder("loadgen_mlp")
            .AddInput("input", TensorElementType.Float, "batch", Inputs)
            .AddOutput("output", TensorElementType.Float, "batch", Outputs)
            .AddInitializer("W1", Values(random, Inputs * hidden, 0.125f), Inputs, hidden)
            .AddInitializer("B1", Values(random, hidden, 0.1f), hidden)
            .AddInitializer("W2", Values(random, hidden * Outputs, (float)(1 / Math.Sqrt(hidden))), hidden, Outputs)
            .AddInitializer("B2", Values(random, Outputs, 0.1f), Outputs)
            .AddNode("Gemm", ["input", "W1", "B1"], ["hidden_linear"])
            .AddNode("Relu", ["hidden_linear"], ["hidden"])
            .AddNode("Gemm", ["hidden", "W2", "B2"], ["output"])
            .Save(path);
    }

    private static float[] Values(Random random, int count, float scale)
    {
        var values = new float[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1) * scale;
        }

        return values;
    }
}
