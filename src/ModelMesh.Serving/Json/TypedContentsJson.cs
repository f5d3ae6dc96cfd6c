using System.Text.Json;
using ModelMesh.Contracts.Inference;

namespace ModelMesh.Serving.Json;

/// <summary>Writes one element of an <see cref="InferTensorContents"/> (the typed, non-raw form) as a JSON value.</summary>
internal static class TypedContentsJson
{
    public static void WriteElement(Utf8JsonWriter writer, V2ElementType type, InferTensorContents contents, int index)
    {
        switch (type)
        {
            case V2ElementType.Bool: writer.WriteBooleanValue(contents.BoolContents[index]); break;
            case V2ElementType.Int8 or V2ElementType.Int16 or V2ElementType.Int32: writer.WriteNumberValue(contents.IntContents[index]); break;
            case V2ElementType.Int64: writer.WriteNumberValue(contents.Int64Contents[index]); break;
            case V2ElementType.UInt8 or V2ElementType.UInt16 or V2ElementType.UInt32: writer.WriteNumberValue(contents.UintContents[index]); break;
            case V2ElementType.UInt64: writer.WriteNumberValue(contents.Uint64Contents[index]); break;
            case V2ElementType.FP32: JsonFloatWriter.WriteSingle(writer, contents.Fp32Contents[index]); break;
            case V2ElementType.FP64: JsonFloatWriter.WriteDouble(writer, contents.Fp64Contents[index]); break;
            default: throw JsonCodecErrors.Internal($"{V2Datatypes.Name(type)} has no typed contents form");
        }
    }
}
