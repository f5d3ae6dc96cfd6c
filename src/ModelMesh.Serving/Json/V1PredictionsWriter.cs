using System.Text.Json;
using ModelMesh.Contracts.Inference;

namespace ModelMesh.Serving.Json;

/// <summary>
/// Writes <c>{"predictions": [...]}</c>: one entry per batch row (dimension 0 of each output). A row is nested per
/// the output's remaining dimensions, a scalar for a rank-1 output; a rank-0 output counts as one row. With several
/// outputs each row is an object <c>{outputName: row, ...}</c>, so all outputs must have the same batch size.
/// </summary>
internal static class V1PredictionsWriter
{
    public static void Write(Utf8JsonWriter writer, ModelInferResponse response)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(response);
        var outputs = OutputTensorReader.ForResponse(response);
        long rows = outputs.Length == 0 ? 0 : BatchSize(outputs[0]);
        foreach (var output in outputs)
        {
            if (BatchSize(output) != rows)
            {
                throw JsonCodecErrors.Internal(
                    $"output '{output.Tensor.Name}' has a batch of {BatchSize(output)} rows, output '{outputs[0].Tensor.Name}' has {rows}: V1 predictions need one batch size");
            }
        }

        writer.WriteStartObject();
        writer.WriteStartArray("predictions"u8);
        for (long row = 0; row < rows; row++)
        {
            if (outputs.Length == 1)
            {
                WriteRow(writer, outputs[0]);
                continue;
            }

            writer.WriteStartObject();
            foreach (var output in outputs)
            {
                writer.WritePropertyName(output.Tensor.Name);
                WriteRow(writer, output);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static long BatchSize(OutputTensorReader output) => output.Tensor.Shape.Count == 0 ? 1 : output.Tensor.Shape[0];

    private static void WriteRow(Utf8JsonWriter writer, OutputTensorReader output)
    {
        if (output.Tensor.Shape.Count <= 1)
        {
            output.WriteNext(writer, 1, BytesElementStyle.Base64ObjectPerElement);
        }
        else
        {
            WriteNested(writer, output, 1);
        }
    }

    private static void WriteNested(Utf8JsonWriter writer, OutputTensorReader output, int dim)
    {
        var shape = output.Tensor.Shape;
        writer.WriteStartArray();
        if (dim == shape.Count - 1)
        {
            output.WriteNext(writer, shape[dim], BytesElementStyle.Base64ObjectPerElement);
        }
        else
        {
            for (long i = 0; i < shape[dim]; i++)
            {
                WriteNested(writer, output, dim + 1);
            }
        }

        writer.WriteEndArray();
    }
}
