using System.Text.Json;
using ModelMesh.Contracts.Inference;

namespace ModelMesh.Serving.Json;

/// <summary>
/// The V1 (TensorFlow-Serving style) predict API: <c>{"instances": [...]}</c> -> one batched input, and the
/// outputs -> <c>{"predictions": [...]}</c>, one entry per batch row.
/// </summary>
public static class V1JsonCodec
{
    /// <summary>
    /// Each instance is one row of the model's single input, nested to the input's rank - 1; the batch is the number
    /// of instances and a -1 in the other dims is taken from the data. <c>{"inputs": tensor}</c> (columnar) is accepted too.
    /// Bad bodies throw <see cref="ServingException"/> with INVALID_ARGUMENT.
    /// </summary>
    public static ModelInferRequest ReadPredict(ReadOnlySpan<byte> utf8Json, string modelName, string? modelVersion, V1InputSpec input) =>
        V1PredictRequestReader.Read(utf8Json, modelName, modelVersion, input);

    /// <summary>
    /// One output: one entry per batch row, nested per the output's shape (scalars for a rank-1 output).
    /// Several outputs: one object per row, <c>{outputName: row, ...}</c>.
    /// </summary>
    public static void WritePredictions(Utf8JsonWriter writer, ModelInferResponse response) =>
        V1PredictionsWriter.Write(writer, response);
}
