using ModelMesh.Onnx;
using ModelMesh.Onnx.Authoring;

namespace ModelMesh.Testing;

/// <summary>Writes real ONNX models for tests: MLPs of a chosen size with seeded weights, and corrupt files.</summary>
public static class ModelFactory
{
    private const int BytesPerHiddenUnit = (SizedMlpModel.Inputs + SizedMlpModel.Outputs) * sizeof(float);

    /// <summary>
    /// Writes <c>dir/id/model.onnx</c>: an MLP whose float initializers total about <paramref name="bytes"/>
    /// (the file is a few hundred bytes larger). The seed defaults to a hash of the id, so every model differs.
    /// </summary>
    public static SizedMlpModel WriteMlpOfSize(string dir, string id, long bytes, int? seed = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dir);
        ArgumentException.ThrowIfNullOrEmpty(id);
        var hidden = (int)Math.Max(1, bytes / BytesPerHiddenUnit);
        var actualSeed = seed ?? StableHash(id);
        var (w1, w2) = MlpWeights(hidden, actualSeed);
        var path = Path.Combine(dir, id, "model.onnx");
        new OnnxModelBuilder("mlp_" + hidden)
            .AddInput(SizedMlpModel.InputName, TensorElementType.Float, "batch", SizedMlpModel.Inputs)
            .AddOutput(SizedMlpModel.OutputName, TensorElementType.Float, "batch", SizedMlpModel.Outputs)
            .AddInitializer("W1", w1, SizedMlpModel.Inputs, hidden)
            .AddInitializer("W2", w2, hidden, SizedMlpModel.Outputs)
            .AddNode("MatMul", [SizedMlpModel.InputName, "W1"], ["h"])
            .AddNode("Relu", ["h"], ["a"])
            .AddNode("MatMul", ["a", "W2"], [SizedMlpModel.OutputName])
            .Save(path);
        return new SizedMlpModel(id, path, hidden, actualSeed);
    }

    /// <summary>The weights of an MLP with <paramref name="hidden"/> units: uniform in ±1/sqrt(fan-in), from the seed.</summary>
    public static (float[] W1, float[] W2) MlpWeights(int hidden, int seed)
    {
        var random = new Random(seed);
        var w1 = new float[SizedMlpModel.Inputs * hidden];
        var s1 = 1f / MathF.Sqrt(SizedMlpModel.Inputs);
        for (var i = 0; i < w1.Length; i++)
        {
            w1[i] = ((random.NextSingle() * 2) - 1) * s1;
        }

        var w2 = new float[hidden * SizedMlpModel.Outputs];
        var s2 = 1f / MathF.Sqrt(hidden);
        for (var i = 0; i < w2.Length; i++)
        {
            w2[i] = ((random.NextSingle() * 2) - 1) * s2;
        }

        return (w1, w2);
    }

    /// <summary>Writes <c>dir/id/model.onnx</c> holding <paramref name="bytes"/> of seeded garbage: ONNX Runtime refuses it.</summary>
    public static string WriteCorrupt(string dir, string id, int bytes = 4096)
    {
        var path = Path.Combine(dir, id, "model.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var garbage = new byte[bytes];
        new Random(StableHash(id)).NextBytes(garbage);
        garbage[0] = 0xFF; // not a valid protobuf tag start for ModelProto
        File.WriteAllBytes(path, garbage);
        return path;
    }

    /// <summary>Writes one sample model (<see cref="SampleModels"/>) as <c>dir/name/model.onnx</c>.</summary>
    public static string WriteSample(string dir, string name, string? id = null)
    {
        var path = Path.Combine(dir, id ?? name, "model.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, SampleModels.Build(name));
        return path;
    }

    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash & 0x7FFFFFFF;
        }
    }
}
