using ModelMesh.Contracts.Inference;
using ModelMesh.Onnx;

namespace ModelMesh.Benchmarks.Latency;

/// <summary>One model's representative request, as a V2 message (raw_input_contents) and as the same bytes wrapped for ORT.</summary>
public sealed record BenchmarkRequest(string ModelName, ModelInferRequest InferRequest, IReadOnlyList<OrtInputTensor> OrtInputs)
{
    public long PayloadBytes => OrtInputs.Sum(i => (long)i.Data.Length);
}
