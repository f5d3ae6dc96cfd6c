using System.Text.Json;
using Google.Protobuf;
using ModelMesh.Contracts.Inference;
using InferInputTensor = ModelMesh.Contracts.Inference.ModelInferRequest.Types.InferInputTensor;

namespace ModelMesh.Serving.Json;

/// <summary>
/// Reads one element of a V2 request's "inputs" array. Fields may come in any order: when "data" precedes
/// "name", "shape" or "datatype", the reader remembers where it starts, skips it, and decodes it at the end.
/// </summary>
internal static class V2JsonInputReader
{
    public static (InferInputTensor Tensor, ByteString Raw) Read(ref Utf8JsonReader reader, int position, int bodyLength)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw JsonCodecErrors.Invalid($"inputs[{position}] must be an object, found {JsonCodecErrors.TokenText(ref reader)}");
        }

        var tensor = new InferInputTensor();
        bool sawName = false, sawShape = false, sawDatatype = false, sawData = false;
        Utf8JsonReader deferredData = default;
        ByteString? raw = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                tensor.Name = ReadString(ref reader, tensor, position, "name");
                sawName = true;
            }
            else if (reader.ValueTextEquals("datatype"u8))
            {
                reader.Read();
                tensor.Datatype = ReadString(ref reader, tensor, position, "datatype");
                sawDatatype = true;
            }
            else if (reader.ValueTextEquals("shape"u8))
            {
                reader.Read();
                ReadShape(ref reader, tensor, position);
                sawShape = true;
            }
            else if (reader.ValueTextEquals("parameters"u8))
            {
                reader.Read();
                InferParametersJson.Read(ref reader, tensor.Parameters, Where(tensor, position));
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                sawData = true;
                if (sawName && sawShape && sawDatatype)
                {
                    raw = ReadData(ref reader, tensor, bodyLength);
                }
                else
                {
                    deferredData = reader;
                    reader.Skip();
                }
            }
            else
            {
                reader.Skip();
            }
        }

        CheckRequiredFields(tensor, position, sawName, sawShape, sawDatatype, sawData);
        raw ??= ReadData(ref deferredData, tensor, bodyLength);
        return (tensor, raw);
    }

    private static void CheckRequiredFields(InferInputTensor tensor, int position, bool sawName, bool sawShape, bool sawDatatype, bool sawData)
    {
        if (!sawName)
        {
            throw JsonCodecErrors.Invalid($"inputs[{position}]: missing 'name'");
        }

        string missing = !sawShape ? "shape" : !sawDatatype ? "datatype" : !sawData ? "data" : string.Empty;
        if (missing.Length > 0)
        {
            throw JsonCodecErrors.Invalid($"input '{tensor.Name}': missing '{missing}'");
        }
    }

    private static ByteString ReadData(ref Utf8JsonReader reader, InferInputTensor tensor, int bodyLength)
    {
        if (!V2Datatypes.TryParse(tensor.Datatype, out var type))
        {
            throw JsonCodecErrors.Invalid(
                $"input '{tensor.Name}': unknown datatype '{tensor.Datatype}' (expected BOOL, UINT8..UINT64, INT8..INT64, FP16, BF16, FP32, FP64 or BYTES)");
        }

        long expected = ElementCount(tensor);
        int elementSize = V2Datatypes.ElementSize(type);

        // A JSON element takes at least two bytes of text, which bounds what a valid body can need.
        long capacity = elementSize > 0 ? Math.Min(expected * elementSize, (long)bodyLength * elementSize / 2) : 256;
        var output = new RawTensorBuilder(capacity);
        long actual = JsonTensorDataReader.ReadFlat(ref reader, type, output, tensor.Name);
        if (actual != expected)
        {
            throw JsonCodecErrors.Invalid(
                $"input '{tensor.Name}': data has {actual} elements, shape {JsonCodecErrors.FormatShape(tensor.Shape)} needs {expected}");
        }

        return output.ToByteString();
    }

    private static long ElementCount(InferInputTensor tensor)
    {
        long count = 1;
        foreach (long dim in tensor.Shape)
        {
            if (dim < 0)
            {
                throw JsonCodecErrors.Invalid(
                    $"input '{tensor.Name}': shape {JsonCodecErrors.FormatShape(tensor.Shape)} has a negative dimension");
            }

            try
            {
                count = checked(count * dim);
            }
            catch (OverflowException)
            {
                throw JsonCodecErrors.Invalid(
                    $"input '{tensor.Name}': shape {JsonCodecErrors.FormatShape(tensor.Shape)} has too many elements");
            }
        }

        return count;
    }

    private static void ReadShape(ref Utf8JsonReader reader, InferInputTensor tensor, int position)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw JsonCodecErrors.Invalid($"{Where(tensor, position)}: 'shape' must be an array of integers, found {JsonCodecErrors.TokenText(ref reader)}");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long dim))
            {
                throw JsonCodecErrors.Invalid($"{Where(tensor, position)}: 'shape' must be an array of integers, found {JsonCodecErrors.TokenText(ref reader)}");
            }

            tensor.Shape.Add(dim);
        }
    }

    private static string ReadString(ref Utf8JsonReader reader, InferInputTensor tensor, int position, string field) =>
        reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : throw JsonCodecErrors.Invalid($"{Where(tensor, position)}: '{field}' must be a string, found {JsonCodecErrors.TokenText(ref reader)}");

    /// <summary>Names the input in errors: by name once it is known, else by position.</summary>
    private static string Where(InferInputTensor tensor, int position) =>
        tensor.Name.Length > 0 ? $"input '{tensor.Name}'" : $"inputs[{position}]";
}
