using System.Runtime.InteropServices;
using Google.Protobuf;
using ModelMesh.Contracts.Inference;
using ModelMesh.Onnx;

namespace ModelMesh.Benchmarks.Latency;

/// <summary>
/// Seeded random requests for the sample models: simple = 2x INT32 [1,16], mlp = FP32 [1,4], conv = FP32 [1,3,64,64].
/// The V2 request and the ORT inputs share the same bytes.
/// </summary>
public static class SampleRequests
{
    public const int Seed = 20240611;

    public static IReadOnlyList<string> SupportedModels { get; } = [SampleModels.Simple, SampleModels.Mlp, SampleModels.Conv];

    public static BenchmarkRequest Create(string model)
    {
        var random = new Random(Seed);
        return model switch
        {
            SampleModels.Simple => Build(model,
                Int32Input(random, "INPUT0", [1, 16]),
                Int32Input(random, "INPUT1", [1, 16])),
            SampleModels.Mlp => Build(model, FloatInput(random, "input", [1, 4])),
            SampleModels.Conv => Build(model, FloatInput(random, "image", [1, 3, 64, 64])),
            _ => throw new ArgumentException($"No benchmark request for model '{model}'.", nameof(model)),
        };
    }

    private static BenchmarkRequest Build(string model, params OrtInputTensor[] inputs)
    {
        var request = new ModelInferRequest { ModelName = model, Id = "bench" };
        foreach (var input in inputs)
        {
            var tensor = new ModelInferRequest.Types.InferInputTensor
            {
                Name = input.Name,
                Datatype = TensorElementTypes.ToV2Datatype(input.ElementType) ?? throw new InvalidOperationException($"No V2 datatype for {input.ElementType}."),
            };
            tensor.Shape.AddRange(input.Shape);
            request.Inputs.Add(tensor);
            request.RawInputContents.Add(UnsafeByteOperations.UnsafeWrap(input.Data));
        }

        return new BenchmarkRequest(model, request, inputs);
    }

    private static OrtInputTensor Int32Input(Random random, string name, long[] shape)
    {
        var values = new int[ElementCount(shape)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = random.Next(-1000, 1000);
        }

        return OrtInputTensor.FromBytes(name, TensorElementType.Int32, shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
    }

    private static OrtInputTensor FloatInput(Random random, string name, long[] shape)
    {
        var values = new float[ElementCount(shape)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return OrtInputTensor.FromBytes(name, TensorElementType.Float, shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
    }

    private static int ElementCount(long[] shape) => checked((int)shape.Aggregate(1L, (a, d) => a * d));
}
