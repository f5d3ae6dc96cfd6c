using ModelMesh.Contracts.Inference;

namespace ModelMesh.Serving.Statistics;

/// <summary>
/// How many inferences a request holds for the statistics' inference_count. Triton counts each batch element of a
/// batching model; an ONNX model declares batching by a variable first dimension, so a request whose first input
/// fills a variable (-1) leading dimension counts that dimension, any other request counts one.
/// </summary>
public static class InferenceCount
{
    public static ulong Of(ModelInferRequest request, ModelSignature signature)
    {
        if (request.Inputs.Count == 0 || request.Inputs[0].Shape.Count == 0)
        {
            return 1;
        }

        var input = request.Inputs[0];
        var spec = signature.FindInput(input.Name);
        return spec is { Shape: [< 0, ..] } ? (ulong)Math.Max(0, input.Shape[0]) : 1;
    }
}
