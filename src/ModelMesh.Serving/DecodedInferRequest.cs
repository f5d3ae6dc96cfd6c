using ModelMesh.Onnx;

namespace ModelMesh.Serving;

/// <summary>A validated request: runtime inputs (wrapping the request's memory), the outputs to compute, and how to encode them.</summary>
public sealed record DecodedInferRequest(
    IReadOnlyList<OrtInputTensor> Inputs,
    IReadOnlyList<string> OutputNames,
    bool RawOutput);
