using Google.Protobuf;
using ModelMesh.Contracts.Inference;
using ModelMesh.Testing;

namespace ModelMesh.Orleans.Tests;

/// <summary>V2 requests for the sample "simple" model and its expected outputs (sum and difference of two INT32 rows).</summary>
internal static class Inference
{
    public static readonly int[] A = [.. Enumerable.Range(0, 16)];
    public static readonly int[] B = [.. Enumerable.Range(0, 16).Select(i => 100 - (3 * i))];
    public static readonly int[] Sum = [.. A.Zip(B, (a, b) => a + b)];
    public static readonly int[] Difference = [.. A.Zip(B, (a, b) => a - b)];

    public static ModelInferRequest SimpleRequest(string model) => InferRequests.Simple(model, A, B);

    public static (int[] Sum, int[] Difference) Outputs(byte[] responseBytes)
    {
        var response = ModelInferResponse.Parser.ParseFrom(responseBytes);
        var sum = response.Outputs.ToList().FindIndex(o => o.Name == "OUTPUT0");
        var difference = response.Outputs.ToList().FindIndex(o => o.Name == "OUTPUT1");
        return (InferRequests.Ints(response.RawOutputContents[sum]), InferRequests.Ints(response.RawOutputContents[difference]));
    }
}
