using ModelMesh.Onnx.Authoring;

namespace ModelMesh.Onnx;

/// <summary>The graphs of the sample models (see <see cref="SampleModels"/> for what each one does).</summary>
internal static class SampleModelGraphs
{
    private const string Batch = "batch";

    public static byte[] Mlp()
    {
        var w = MlpWeights.Create();
        return new OnnxModelBuilder("mlp")
            .AddInput("input", TensorElementType.Float, Batch, MlpWeights.InputSize)
            .AddOutput("probabilities", TensorElementType.Float, Batch, MlpWeights.OutputSize)
            .AddInitializer("W1", w.W1, MlpWeights.InputSize, MlpWeights.HiddenSize)
            .AddInitializer("B1", w.B1, MlpWeights.HiddenSize)
            .AddInitializer("W2", w.W2, MlpWeights.HiddenSize, MlpWeights.OutputSize)
            .AddInitializer("B2", w.B2, MlpWeights.OutputSize)
            .AddNode("Gemm", ["input", "W1", "B1"], ["hidden_linear"])
            .AddNode("Relu", ["hidden_linear"], ["hidden"])
            .AddNode("Gemm", ["hidden", "W2", "B2"], ["logits"])
            .AddNode("Softmax", ["logits"], ["probabilities"], OnnxAttribute.Int("axis", 1))
            .ToBytes();
    }

    public static byte[] Simple() => new OnnxModelBuilder("simple")
        .AddInput("INPUT0", TensorElementType.Int32, Batch, 16)
        .AddInput("INPUT1", TensorElementType.Int32, Batch, 16)
        .AddOutput("OUTPUT0", TensorElementType.Int32, Batch, 16)
        .AddOutput("OUTPUT1", TensorElementType.Int32, Batch, 16)
        .AddNode("Add", ["INPUT0", "INPUT1"], ["OUTPUT0"])
        .AddNode("Sub", ["INPUT0", "INPUT1"], ["OUTPUT1"])
        .ToBytes();

    /// <summary>
    /// Upper-cases with the "C" locale: ORT's default (en_US.UTF-8) fails to load on hosts without that
    /// language pack, and "C" always exists. ASCII letters are converted; other characters pass through.
    /// </summary>
    public static byte[] Strings() => new OnnxModelBuilder("strings")
        .AddInput("TEXT", TensorElementType.String, Batch)
        .AddOutput("UPPER", TensorElementType.String, Batch)
        .AddNode("StringNormalizer", ["TEXT"], ["UPPER"],
            OnnxAttribute.String("case_change_action", "UPPER"),
            OnnxAttribute.String("locale", "C"))
        .ToBytes();

    /// <summary>y = x*2+1 computed in float (ORT's CPU Mul/Add have no fp16 kernels), rounded back to fp16.</summary>
    public static byte[] Fp16() => new OnnxModelBuilder("fp16")
        .AddInput("x", TensorElementType.Float16, Batch, 8)
        .AddOutput("y", TensorElementType.Float16, Batch, 8)
        .AddInitializer("two", [2f])
        .AddInitializer("one", [1f])
        .AddNode("Cast", ["x"], ["x_float"], OnnxAttribute.Int("to", (long)TensorElementType.Float))
        .AddNode("Mul", ["x_float", "two"], ["doubled"])
        .AddNode("Add", ["doubled", "one"], ["y_float"])
        .AddNode("Cast", ["y_float"], ["y"], OnnxAttribute.Int("to", (long)TensorElementType.Float16))
        .ToBytes();

    public static byte[] Conv()
    {
        var w = ConvWeights.Create();
        const int k = ConvWeights.Kernel;
        OnnxAttribute[] convAttributes = [OnnxAttribute.Ints("kernel_shape", k, k), OnnxAttribute.Ints("pads", 1, 1, 1, 1)];
        return new OnnxModelBuilder("conv")
            .AddInput("image", TensorElementType.Float, Batch, ConvWeights.Channels, ConvWeights.ImageSize, ConvWeights.ImageSize)
            .AddOutput("logits", TensorElementType.Float, Batch, ConvWeights.Classes)
            .AddInitializer("conv1_w", w.Conv1Weight, ConvWeights.Conv1Filters, ConvWeights.Channels, k, k)
            .AddInitializer("conv1_b", w.Conv1Bias, ConvWeights.Conv1Filters)
            .AddInitializer("conv2_w", w.Conv2Weight, ConvWeights.Conv2Filters, ConvWeights.Conv1Filters, k, k)
            .AddInitializer("conv2_b", w.Conv2Bias, ConvWeights.Conv2Filters)
            .AddInitializer("fc_w", w.FcWeight, ConvWeights.Conv2Filters, ConvWeights.Classes)
            .AddInitializer("fc_b", w.FcBias, ConvWeights.Classes)
            .AddNode("Conv", ["image", "conv1_w", "conv1_b"], ["conv1"], convAttributes)
            .AddNode("Relu", ["conv1"], ["relu1"])
            .AddNode("Conv", ["relu1", "conv2_w", "conv2_b"], ["conv2"], convAttributes)
            .AddNode("Relu", ["conv2"], ["relu2"])
            .AddNode("GlobalAveragePool", ["relu2"], ["pooled"])
            .AddNode("Flatten", ["pooled"], ["features"], OnnxAttribute.Int("axis", 1))
            .AddNode("Gemm", ["features", "fc_w", "fc_b"], ["logits"])
            .ToBytes();
    }

    /// <summary>
    /// One Identity per V2 datatype that has a typed contents field (all but FP16 and BF16): input "FP32"
    /// (shape [n]) → output "FP32_OUT", and so on. A request can carry all of them as raw or as typed contents.
    /// </summary>
    public static byte[] Datatypes() => Identities("datatypes", TensorElementTypes.V2Types.Where(t => t is not (TensorElementType.Float16 or TensorElementType.BFloat16)));

    /// <summary>Identities for the two half-precision datatypes, which V2 carries only as raw contents.</summary>
    public static byte[] Halfs() => Identities("halfs", [TensorElementType.Float16, TensorElementType.BFloat16]);

    private static byte[] Identities(string graphName, IEnumerable<TensorElementType> types)
    {
        var builder = new OnnxModelBuilder(graphName);
        foreach (var type in types)
        {
            var name = TensorElementTypes.ToV2Datatype(type)!;
            builder.AddInput(name, type, "n")
                .AddOutput(name + "_OUT", type, "n")
                .AddNode("Identity", [name], [name + "_OUT"]);
        }

        return builder.ToBytes();
    }
}
