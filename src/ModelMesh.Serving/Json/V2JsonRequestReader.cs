using System.Text.Json;
using ModelMesh.Contracts.Inference;

namespace ModelMesh.Serving.Json;

/// <summary>
/// Parses a V2 REST infer body
/// <c>{"id"?, "parameters"?, "inputs":[{"name","shape","datatype","parameters"?,"data"}], "outputs"?:[{"name","parameters"?}]}</c>
/// into a <see cref="ModelInferRequest"/>. Every input's data goes to raw_input_contents (little-endian, row-major;
/// BYTES as 4-byte length + UTF-8 per element), so FP16 and BF16 given as JSON numbers work as well.
/// Any bad input throws <see cref="ServingException"/> with INVALID_ARGUMENT.
/// </summary>
public static class V2JsonRequestReader
{
    public static ModelInferRequest Read(ReadOnlySpan<byte> utf8Json, string modelName, string? modelVersion)
    {
        var request = new ModelInferRequest { ModelName = modelName, ModelVersion = modelVersion ?? string.Empty };
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw JsonCodecErrors.Invalid("infer request body must be a JSON object");
            }

            bool sawInputs = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("inputs"u8))
                {
                    reader.Read();
                    ReadInputs(ref reader, request, utf8Json.Length);
                    sawInputs = true;
                }
                else if (reader.ValueTextEquals("outputs"u8))
                {
                    reader.Read();
                    ReadOutputs(ref reader, request);
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    request.Id = reader.TokenType switch
                    {
                        JsonTokenType.String => reader.GetString()!,
                        JsonTokenType.Null => string.Empty,
                        _ => throw JsonCodecErrors.Invalid($"'id' must be a string, found {JsonCodecErrors.TokenText(ref reader)}"),
                    };
                }
                else if (reader.ValueTextEquals("parameters"u8))
                {
                    reader.Read();
                    InferParametersJson.Read(ref reader, request.Parameters, "request");
                }
                else
                {
                    reader.Skip();
                }
            }

            // Anything but whitespace after the object makes this throw.
            reader.Read();
            return sawInputs ? request : throw JsonCodecErrors.Invalid("infer request has no 'inputs'");
        }
        catch (JsonException e)
        {
            throw JsonCodecErrors.MalformedJson(e);
        }
    }

    private static void ReadInputs(ref Utf8JsonReader reader, ModelInferRequest request, int bodyLength)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw JsonCodecErrors.Invalid($"'inputs' must be an array, found {JsonCodecErrors.TokenText(ref reader)}");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var (tensor, raw) = V2JsonInputReader.Read(ref reader, request.Inputs.Count, bodyLength);
            request.Inputs.Add(tensor);
            request.RawInputContents.Add(raw);
        }
    }

    private static void ReadOutputs(ref Utf8JsonReader reader, ModelInferRequest request)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw JsonCodecErrors.Invalid($"'outputs' must be an array, found {JsonCodecErrors.TokenText(ref reader)}");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            string where = $"outputs[{request.Outputs.Count}]";
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw JsonCodecErrors.Invalid($"{where} must be an object, found {JsonCodecErrors.TokenText(ref reader)}");
            }

            var output = new ModelInferRequest.Types.InferRequestedOutputTensor();
            bool sawName = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    reader.Read();
                    output.Name = reader.TokenType == JsonTokenType.String
                        ? reader.GetString()!
                        : throw JsonCodecErrors.Invalid($"{where}: 'name' must be a string, found {JsonCodecErrors.TokenText(ref reader)}");
                    sawName = true;
                }
                else if (reader.ValueTextEquals("parameters"u8))
                {
                    reader.Read();
                    InferParametersJson.Read(ref reader, output.Parameters, where);
                }
                else
                {
                    reader.Skip();
                }
            }

            request.Outputs.Add(sawName ? output : throw JsonCodecErrors.Invalid($"{where}: missing 'name'"));
        }
    }
}
