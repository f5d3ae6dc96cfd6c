using System.Text.Json;
using Google.Protobuf.Collections;
using ModelMesh.Contracts.Inference;

namespace ModelMesh.Serving.Json;

/// <summary>Reads and writes a V2 "parameters" object: bool, integer, double and string values.</summary>
internal static class InferParametersJson
{
    /// <summary>Reads the object the reader is positioned on (its StartObject; null means none) into <paramref name="target"/>.</summary>
    public static void Read(ref Utf8JsonReader reader, MapField<string, InferParameter> target, string owner)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw JsonCodecErrors.Invalid($"{owner}: 'parameters' must be an object, found {JsonCodecErrors.TokenText(ref reader)}");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            var parameter = ReadValue(ref reader, owner, name);
            if (parameter is not null)
            {
                target[name] = parameter;
            }
        }
    }

    private static InferParameter? ReadValue(ref Utf8JsonReader reader, string owner, string name)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return new InferParameter { BoolParam = true };
            case JsonTokenType.False:
                return new InferParameter { BoolParam = false };
            case JsonTokenType.String:
                return new InferParameter { StringParam = reader.GetString()! };
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out long int64))
                {
                    return new InferParameter { Int64Param = int64 };
                }

                if (reader.TryGetUInt64(out ulong uint64))
                {
                    return new InferParameter { Uint64Param = uint64 };
                }

                if (reader.TryGetDouble(out double number))
                {
                    return new InferParameter { DoubleParam = number };
                }

                break;
        }

        throw JsonCodecErrors.Invalid(
            $"{owner}: parameter '{name}' must be a bool, number or string, found {JsonCodecErrors.TokenText(ref reader)}");
    }

    public static void Write(Utf8JsonWriter writer, MapField<string, InferParameter> parameters)
    {
        writer.WriteStartObject();
        foreach (var (name, parameter) in parameters)
        {
            writer.WritePropertyName(name);
            WriteValue(writer, parameter);
        }

        writer.WriteEndObject();
    }

    public static void WriteValue(Utf8JsonWriter writer, InferParameter parameter)
    {
        switch (parameter.ParameterChoiceCase)
        {
            case InferParameter.ParameterChoiceOneofCase.BoolParam:
                writer.WriteBooleanValue(parameter.BoolParam);
                break;
            case InferParameter.ParameterChoiceOneofCase.Int64Param:
                writer.WriteNumberValue(parameter.Int64Param);
                break;
            case InferParameter.ParameterChoiceOneofCase.Uint64Param:
                writer.WriteNumberValue(parameter.Uint64Param);
                break;
            case InferParameter.ParameterChoiceOneofCase.DoubleParam:
                JsonFloatWriter.WriteDouble(writer, parameter.DoubleParam);
                break;
            case InferParameter.ParameterChoiceOneofCase.StringParam:
                writer.WriteStringValue(parameter.StringParam);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
