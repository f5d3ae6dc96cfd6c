namespace ModelMesh.Onnx;

/// <summary>
/// Small generated ONNX models for demos, tests and benchmarks (no downloads). Weights come from seeded
/// generators, so every build of a model is byte-identical and tests can recompute outputs independently.
/// <list type="bullet">
/// <item>mlp: input FP32 [batch,4] → Gemm(4→16), Relu, Gemm(16→3), Softmax → probabilities FP32 [batch,3].</item>
/// <item>simple (Triton's): INPUT0, INPUT1 INT32 [batch,16] → OUTPUT0 = sum, OUTPUT1 = difference.</item>
/// <item>strings: TEXT STRING [batch] → UPPER STRING [batch] (StringNormalizer, upper case).</item>
/// <item>fp16: x FP16 [batch,8] → y FP16 = x*2+1.</item>
/// <item>conv: image FP32 [batch,3,64,64] → two 3x3 Conv+Relu (16, 32 filters), global average pool, Gemm → logits FP32 [batch,10].</item>
/// <item>datatypes: for every V2 datatype D with a typed contents field, input D [n] → Identity → output D_OUT.</item>
/// <item>halfs: the same for FP16 and BF16 (raw contents only).</item>
/// </list>
/// </summary>
public static class SampleModels
{
    public const string Mlp = "mlp";
    public const string Simple = "simple";
    public const string Strings = "strings";
    public const string Fp16 = "fp16";
    public const string Conv = "conv";
    public const string Datatypes = "datatypes";
    public const string Halfs = "halfs";

    public static IReadOnlyList<string> Names { get; } = [Mlp, Simple, Strings, Fp16, Conv, Datatypes, Halfs];

    /// <summary>The ONNX bytes of a sample model; <see cref="ArgumentException"/> for an unknown name.</summary>
    public static byte[] Build(string name) => name switch
    {
        Mlp => SampleModelGraphs.Mlp(),
        Simple => SampleModelGraphs.Simple(),
        Strings => SampleModelGraphs.Strings(),
        Fp16 => SampleModelGraphs.Fp16(),
        Conv => SampleModelGraphs.Conv(),
        Datatypes => SampleModelGraphs.Datatypes(),
        Halfs => SampleModelGraphs.Halfs(),
        _ => throw new ArgumentException($"Unknown sample model '{name}'; known: {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>Writes <c>directory/&lt;name&gt;/1/model.onnx</c> for every sample (a Triton-style model repository).</summary>
    public static void WriteAll(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        foreach (var name in Names)
        {
            var versionDirectory = Path.Combine(directory, name, "1");
            Directory.CreateDirectory(versionDirectory);
            File.WriteAllBytes(Path.Combine(versionDirectory, "model.onnx"), Build(name));
        }
    }

    /// <summary>A fresh copy of the mlp model's weights, for independent reference computations.</summary>
    public static MlpWeights MlpWeights() => global::ModelMesh.Onnx.MlpWeights.Create();

    /// <summary>A fresh copy of the conv model's weights, for independent reference computations.</summary>
    public static ConvWeights ConvWeights() => global::ModelMesh.Onnx.ConvWeights.Create();
}
