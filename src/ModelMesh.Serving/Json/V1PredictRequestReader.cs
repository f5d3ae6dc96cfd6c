using System.Text.Json;
using ModelMesh.Contracts.Inference;

namespace ModelMesh.Serving.Json;

/// <summary>
/// Reads a V1 predict body into a one-input <see cref="ModelInferRequest"/> with raw contents: row form
/// <c>{"instances": [row, ...]}</c> (a row may also be <c>{"inputName": row}</c>) or columnar form
/// <c>{"inputs": tensor}</c> / <c>{"inputs": {"inputName": tensor}}</c>. Every row must have the same shape.
/// </summary>
internal static class V1PredictRequestReader
{
    public static ModelInferRequest Read(ReadOnlySpan<byte> utf8Json, string modelName, string? modelVersion, V1InputSpec input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!V2Datatypes.TryParse(input.Datatype, out var type))
        {
            throw JsonCodecErrors.Invalid($"input '{input.Name}': unknown datatype '{input.Datatype}'");
        }

        if (input.Shape.Length == 0)
        {
            throw JsonCodecErrors.Invalid($"input '{input.Name}' has no batch dimension (shape []), which V1 predict needs");
        }

        // About right for typical float text ("0.1234567," per 4-byte element); it grows when short.
        int elementSize = V2Datatypes.ElementSize(type);
        var output = new RawTensorBuilder(elementSize > 0 ? ((long)utf8Json.Length * elementSize / 8) + 64 : utf8Json.Length);
        long[]? shape = null;
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw JsonCodecErrors.Invalid($"input '{input.Name}': predict request body must be a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool instances = reader.ValueTextEquals("instances"u8);
                if (instances || reader.ValueTextEquals("inputs"u8))
                {
                    if (shape is not null)
                    {
                        throw JsonCodecErrors.Invalid($"input '{input.Name}': give either 'instances' or 'inputs', not both");
                    }

                    reader.Read();
                    shape = instances ? ReadInstances(ref reader, type, input, output) : ReadColumnar(ref reader, type, input, output);
                }
                else
                {
                    reader.Skip();
                }
            }

            reader.Read();
        }
        catch (JsonException e)
        {
            throw JsonCodecErrors.MalformedJson(e, input.Name);
        }

        if (shape is null)
        {
            throw JsonCodecErrors.Invalid($"input '{input.Name}': predict request has no 'instances'");
        }

        var tensor = new ModelInferRequest.Types.InferInputTensor { Name = input.Name, Datatype = input.Datatype };
        tensor.Shape.Add(shape);
        var request = new ModelInferRequest { ModelName = modelName, ModelVersion = modelVersion ?? string.Empty };
        request.Inputs.Add(tensor);
        request.RawInputContents.Add(output.ToByteString());
        return request;
    }

    private static long[] ReadInstances(ref Utf8JsonReader reader, V2ElementType type, V1InputSpec input, RawTensorBuilder output)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw JsonCodecErrors.Invalid($"input '{input.Name}': 'instances' must be an array, found {JsonCodecErrors.TokenText(ref reader)}");
        }

        var shape = (long[])input.Shape.Clone();
        var rowDims = shape[1..];
        string shapeText = JsonCodecErrors.FormatShape(input.Shape);
        long rows = 0, elements = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var context = new NestedDataContext(input.Name, $"instance {rows}", shapeText, 1);
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                MoveToNamedInput(ref reader, input.Name, context.Where);
                elements += JsonTensorDataReader.ReadNested(ref reader, type, output, in context, rowDims, elements);
                SkipOtherInputs(ref reader, input.Name, context.Where);
            }
            else
            {
                elements += JsonTensorDataReader.ReadNested(ref reader, type, output, in context, rowDims, elements);
            }

            rows++;
        }

        if (rows == 0)
        {
            throw JsonCodecErrors.Invalid($"input '{input.Name}': 'instances' is empty");
        }

        if (shape[0] >= 0 && shape[0] != rows)
        {
            throw JsonCodecErrors.Invalid($"input '{input.Name}': shape {shapeText} takes a batch of {shape[0]}, got {rows} instances");
        }

        shape[0] = rows;
        for (int i = 1; i < shape.Length; i++)
        {
            // A dimension behind an empty array was never seen: the tensor is empty either way.
            shape[i] = Math.Max(rowDims[i - 1], 0);
        }

        return shape;
    }

    private static long[] ReadColumnar(ref Utf8JsonReader reader, V2ElementType type, V1InputSpec input, RawTensorBuilder output)
    {
        var context = new NestedDataContext(input.Name, "'inputs'", JsonCodecErrors.FormatShape(input.Shape), 0);
        var shape = (long[])input.Shape.Clone();
        bool named = reader.TokenType == JsonTokenType.StartObject;
        if (named)
        {
            MoveToNamedInput(ref reader, input.Name, context.Where);
        }

        JsonTensorDataReader.ReadNested(ref reader, type, output, in context, shape, 0);
        if (named)
        {
            SkipOtherInputs(ref reader, input.Name, context.Where);
        }

        if (shape[0] == 0)
        {
            throw JsonCodecErrors.Invalid($"input '{input.Name}': 'inputs' is empty");
        }

        for (int i = 0; i < shape.Length; i++)
        {
            shape[i] = Math.Max(shape[i], 0);
        }

        return shape;
    }

    /// <summary>From an object's StartObject to the value of its property named <paramref name="inputName"/>.</summary>
    private static void MoveToNamedInput(ref Utf8JsonReader reader, string inputName, string where)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            if (name == inputName)
            {
                return;
            }

            throw UnknownInput(inputName, where, name);
        }

        throw JsonCodecErrors.Invalid($"input '{inputName}': {where} is an object without '{inputName}'");
    }

    /// <summary>After the named value, to the object's EndObject; the model has one input, so any other name is an error.</summary>
    private static void SkipOtherInputs(ref Utf8JsonReader reader, string inputName, string where)
    {
        if (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            throw UnknownInput(inputName, where, reader.GetString()!);
        }
    }

    private static ServingException UnknownInput(string inputName, string where, string name) =>
        JsonCodecErrors.Invalid($"input '{inputName}': {where} names input '{name}', but the model's only input is '{inputName}'");
}
