using ModelMesh.Contracts.Inference;
using ModelMesh.Onnx;

namespace ModelMesh.Benchmarks.Latency;

/// <summary>Before timing anything: the served raw outputs must equal the in-process outputs byte for byte.</summary>
public static class OutputCheck
{
    /// <summary>Null when they match; otherwise what differs.</summary>
    public static string? Compare(ModelInferResponse served, IReadOnlyList<OrtOutputTensor> local)
    {
        if (served.RawOutputContents.Count != local.Count)
        {
            return $"served {served.RawOutputContents.Count} raw outputs, in-process produced {local.Count}";
        }

        for (var i = 0; i < local.Count; i++)
        {
            if (!served.RawOutputContents[i].Span.SequenceEqual(local[i].Data))
            {
                return $"output '{local[i].Name}' differs between gRPC and in-process ({served.RawOutputContents[i].Length} vs {local[i].Data.Length} bytes)";
            }
        }

        return null;
    }
}
