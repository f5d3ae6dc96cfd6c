using System.Runtime.InteropServices;
using Google.Protobuf;
using ModelMesh.Benchmarks.Latency;
using ModelMesh.Contracts.Inference;
using ModelMesh.Onnx;
using ModelMesh.Onnx.Authoring;

namespace ModelMesh.Benchmarks.Common;

/// <summary>
/// Generated two-layer MLPs (Gemm, Relu, Gemm) with seeded random weights, written with <see cref="OnnxModelBuilder"/>:
/// input "input" FP32 [batch, Inputs], output "output" FP32 [batch, Outputs]. The hidden width is chosen so that
/// the initializers take about the requested number of bytes; distinct seeds give distinct files.
/// </summary>
public static class GeneratedMlp
{
    public const int Inputs = 64;
    public const int Outputs = 10;

    /// <summary>Hidden width whose weights (W1, B1, W2, B2 in FP32) take about <paramref name="initializerBytes"/>.</summary>
    public static int HiddenFor(long initializerBytes, int inputs = Inputs, int outputs = Outputs) =>
        (int)Math.Max(1, ((initializerBytes / 4) - outputs) / (inputs + outputs + 1));

    /// <summary>Writes the model and returns its file size.</summary>
    public static long Write(string path, int hidden, int seed, int inputs = Inputs, int outputs = Outputs)
    {
        var random = new Random(seed);
        var scale1 = (float)(1 / Math.Sqrt(inputs));
        var scale2 = (float)(1 / Math.Sqrt(hidden));
        new OnnxModelBuilder("generated_mlp")
            .AddInput("input", TensorElementType.Float, "batch", inputs)
            .AddOutput("output", TensorElementType.Float, "batch", outputs)
            .AddInitializer("W1", Values(random, inputs * hidden, scale1), inputs, hidden)
            .AddInitializer("B1", Values(random, hidden, 0.1f), hidden)
            .AddInitializer("W2", Values(random, hidden * outputs, scale2), hidden, outputs)
            .AddInitializer("B2", Values(random, outputs, 0.1f), outputs)
            .AddNode("Gemm", ["input", "W1", "B1"], ["hidden_linear"])
            .AddNode("Relu", ["hidden_linear"], ["hidden"])
            .AddNode("Gemm", ["hidden", "W2", "B2"], ["output"])
            .Save(path);
        return new FileInfo(path).Length;
    }

    /// <summary>A seeded FP32 [1, inputs] request for a generated MLP registered as <paramref name="modelName"/>.</summary>
    public static BenchmarkRequest Request(string modelName, int inputs = Inputs)
    {
        var values = RequestValues(inputs);
        var input = OrtInputTensor.FromBytes("input", TensorElementType.Float, [1, inputs], MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
        var request = new ModelInferRequest { ModelName = modelName, Id = "bench" };
        var tensor = new ModelInferRequest.Types.InferInputTensor { Name = "input", Datatype = "FP32" };
        tensor.Shape.AddRange(input.Shape);
        request.Inputs.Add(tensor);
        request.RawInputContents.Add(UnsafeByteOperations.UnsafeWrap(input.Data));
        return new BenchmarkRequest(modelName, request, [input]);
    }

    /// <summary>The input values <see cref="Request"/> sends.</summary>
    public static float[] RequestValues(int inputs = Inputs) => Values(new Random(20240611), inputs, 1f);

    /// <summary>
    /// The model's output for one input row computed in plain C# (no ONNX Runtime): the same seeded weights as
    /// <see cref="Write"/>, then relu(x W1 + B1) W2 + B2 in double precision. An independent check of served outputs.
    /// </summary>
    public static float[] Reference(int hidden, int seed, ReadOnlySpan<float> input, int outputs = Outputs)
    {
        var inputs = input.Length;
        var random = new Random(seed);
        var w1 = Values(random, inputs * hidden, (float)(1 / Math.Sqrt(inputs)));
        var b1 = Values(random, hidden, 0.1f);
        var w2 = Values(random, hidden * outputs, (float)(1 / Math.Sqrt(hidden)));
        var b2 = Values(random, outputs, 0.1f);
        var result = new double[outputs];
        for (var o = 0; o < outputs; o++)
        {
            result[o] = b2[o];
        }

        for (var h = 0; h < hidden; h++)
        {
            double sum = b1[h];
            for (var i = 0; i < inputs; i++)
            {
                sum += input[i] * (double)w1[(i * hidden) + h];
            }

            if (sum > 0)
            {
                for (var o = 0; o < outputs; o++)
                {
                    result[o] += sum * w2[(h * outputs) + o];
                }
            }
        }

        return [.. result.Select(v => (float)v)];
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
