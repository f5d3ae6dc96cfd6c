using System.Runtime.InteropServices;
using Google.Protobuf;
using ModelMesh.Contracts.Inference;

namespace ModelMesh.Testing;

/// <summary>V2 ModelInfer requests for the test models (raw contents), and readers of their outputs.</summary>
public static class InferRequests
{
    /// <summary>A request for a <see cref="SizedMlpModel"/> (or any model with x FP32 [batch,16]).</summary>
    public static ModelInferRequest SizedMlp(string modelName, float[] x) =>
        Fp32(modelName, SizedMlpModel.InputName, x, x.Length / SizedMlpModel.Inputs, SizedMlpModel.Inputs);

    /// <summary>One row of deterministic input for a sized MLP.</summary>
    public static float[] SizedMlpInput(int rows = 1, int seed = 7)
    {
        var random = new Random(seed);
        var x = new float[rows * SizedMlpModel.Inputs];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (random.NextSingle() * 2) - 1;
        }

        return x;
    }

    /// <summary>The sample "mlp": input FP32 [rows, 4].</summary>
    public static ModelInferRequest SampleMlp(string modelName, int rows = 1) =>
        Fp32(modelName, "input", [.. Enumerable.Range(0, rows * 4).Select(i => (i % 7) * 0.25f)], rows, 4);

    /// <summary>The sample "conv": image FP32 [batch, 3, 64, 64]; large batches make a slow request.</summary>
    public static ModelInferRequest Conv(string modelName, int batch = 1)
    {
        var values = new float[batch * 3 * 64 * 64];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (i % 255) / 255f;
        }

        var request = new ModelInferRequest { ModelName = modelName };
        var input = new ModelInferRequest.Types.InferInputTensor { Name = "image", Datatype = "FP32" };
        input.Shape.AddRange([batch, 3, 64, 64]);
        request.Inputs.Add(input);
        request.RawInputContents.Add(ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())));
        return request;
    }

    /// <summary>The sample "simple": INPUT0, INPUT1 INT32 [1,16] → sum and difference.</summary>
    public static ModelInferRequest Simple(string modelName, int[] a, int[] b)
    {
        var request = new ModelInferRequest { ModelName = modelName };
        foreach (var (name, values) in new[] { ("INPUT0", a), ("INPUT1", b) })
        {
            var input = new ModelInferRequest.Types.InferInputTensor { Name = name, Datatype = "INT32" };
            input.Shape.AddRange([1, values.Length]);
            request.Inputs.Add(input);
            request.RawInputContents.Add(ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())));
        }

        return request;
    }

    public static float[] Floats(ByteString raw) => MemoryMarshal.Cast<byte, float>(raw.Span).ToArray();

    public static int[] Ints(ByteString raw) => MemoryMarshal.Cast<byte, int>(raw.Span).ToArray();

    private static ModelInferRequest Fp32(string modelName, string inputName, float[] values, long rows, long columns)
    {
        var request = new ModelInferRequest { ModelName = modelName };
        var input = new ModelInferRequest.Types.InferInputTensor { Name = inputName, Datatype = "FP32" };
        input.Shape.AddRange([rows, columns]);
        request.Inputs.Add(input);
        request.RawInputContents.Add(ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())));
        return request;
    }
}
