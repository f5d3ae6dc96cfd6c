using System.Buffers.Binary;
using ModelMesh.Contracts.Inference;
using ModelMesh.Onnx;

namespace ModelMesh.Serving;

/// <summary>
/// Turns an input's typed <see cref="InferTensorContents"/> into the little-endian bytes the runtime takes,
/// checking that the contents field matches the datatype, the element count matches the shape and
/// every value fits the element type.
/// </summary>
internal static class TypedContentsReader
{
    public static byte[] ReadFixedSize(string inputName, TensorElementType type, InferTensorContents contents, long count)
    {
        var size = TensorElementTypes.SizeOf(type);
        var bytes = new byte[checked((int)(count * size))];
        var span = bytes.AsSpan();
        switch (type)
        {
            case TensorElementType.Bool:
                Expect(inputName, "bool_contents", contents.BoolContents.Count, count, contents);
                for (var i = 0; i < count; i++) span[i] = contents.BoolContents[i] ? (byte)1 : (byte)0;
                break;
            case TensorElementType.Int8:
                Expect(inputName, "int_contents", contents.IntContents.Count, count, contents);
                for (var i = 0; i < count; i++) span[i] = unchecked((byte)(sbyte)InRange(inputName, contents.IntContents[i], sbyte.MinValue, sbyte.MaxValue, "INT8"));
                break;
            case TensorElementType.Int16:
                Expect(inputName, "int_contents", contents.IntContents.Count, count, contents);
                for (var i = 0; i < count; i++) BinaryPrimitives.WriteInt16LittleEndian(span[(i * 2)..], (short)InRange(inputName, contents.IntContents[i], short.MinValue, short.MaxValue, "INT16"));
                break;
            case TensorElementType.Int32:
                Expect(inputName, "int_contents", contents.IntContents.Count, count, contents);
                for (var i = 0; i < count; i++) BinaryPrimitives.WriteInt32LittleEndian(span[(i * 4)..], contents.IntContents[i]);
                break;
            case TensorElementType.Int64:
                Expect(inputName, "int64_contents", contents.Int64Contents.Count, count, contents);
                for (var i = 0; i < count; i++) BinaryPrimitives.WriteInt64LittleEndian(span[(i * 8)..], contents.Int64Contents[i]);
                break;
            case TensorElementType.UInt8:
                Expect(inputName, "uint_contents", contents.UintContents.Count, count, contents);
                for (var i = 0; i < count; i++) span[i] = (byte)InRange(inputName, contents.UintContents[i], byte.MaxValue, "UINT8");
                break;
            case TensorElementType.UInt16:
                Expect(inputName, "uint_contents", contents.UintContents.Count, count, contents);
                for (var i = 0; i < count; i++) BinaryPrimitives.WriteUInt16LittleEndian(span[(i * 2)..], (ushort)InRange(inputName, contents.UintContents[i], ushort.MaxValue, "UINT16"));
                break;
            case TensorElementType.UInt32:
                Expect(inputName, "uint_contents", contents.UintContents.Count, count, contents);
                for (var i = 0; i < count; i++) BinaryPrimitives.WriteUInt32LittleEndian(span[(i * 4)..], contents.UintContents[i]);
                break;
            case TensorElementType.UInt64:
                Expect(inputName, "uint64_contents", contents.Uint64Contents.Count, count, contents);
                for (var i = 0; i < count; i++) BinaryPrimitives.WriteUInt64LittleEndian(span[(i * 8)..], contents.Uint64Contents[i]);
                break;
            case TensorElementType.Float:
                Expect(inputName, "fp32_contents", contents.Fp32Contents.Count, count, contents);
                for (var i = 0; i < count; i++) BinaryPrimitives.WriteSingleLittleEndian(span[(i * 4)..], contents.Fp32Contents[i]);
                break;
            case TensorElementType.Double:
                Expect(inputName, "fp64_contents", contents.Fp64Contents.Count, count, contents);
                for (var i = 0; i < count; i++) BinaryPrimitives.WriteDoubleLittleEndian(span[(i * 8)..], contents.Fp64Contents[i]);
                break;
            default:
                throw ServingException.InvalidArgument(
                    $"input '{inputName}': datatype {TensorElementTypes.ToV2Datatype(type)} has no typed contents field; send it in raw_input_contents");
        }

        return bytes;
    }

    public static IReadOnlyList<ReadOnlyMemory<byte>> ReadStrings(string inputName, InferTensorContents contents, long count)
    {
        Expect(inputName, "bytes_contents", contents.BytesContents.Count, count, contents);
        var elements = new ReadOnlyMemory<byte>[count];
        for (var i = 0; i < count; i++)
        {
            elements[i] = contents.BytesContents[i].Memory;
        }

        return elements;
    }

    private static void Expect(string inputName, string field, int actual, long expected, InferTensorContents contents)
    {
        if (actual == expected)
        {
            return;
        }

        var used = UsedField(contents);
        if (actual == 0 && used is not null && used != field)
        {
            throw ServingException.InvalidArgument(
                $"input '{inputName}': contents are in {used}, the datatype expects {field}");
        }

        throw ServingException.InvalidArgument(
            $"input '{inputName}': {field} has {actual} elements, the shape needs {expected}");
    }

    private static string? UsedField(InferTensorContents c) =>
        c.BoolContents.Count > 0 ? "bool_contents"
        : c.IntContents.Count > 0 ? "int_contents"
        : c.Int64Contents.Count > 0 ? "int64_contents"
        : c.UintContents.Count > 0 ? "uint_contents"
        : c.Uint64Contents.Count > 0 ? "uint64_contents"
        : c.Fp32Contents.Count > 0 ? "fp32_contents"
        : c.Fp64Contents.Count > 0 ? "fp64_contents"
        : c.BytesContents.Count > 0 ? "bytes_contents"
        : null;

    private static int InRange(string inputName, int value, int min, int max, string datatype) =>
        value >= min && value <= max
            ? value
            : throw ServingException.InvalidArgument($"input '{inputName}': value {value} is out of range for {datatype}");

    private static uint InRange(string inputName, uint value, uint max, string datatype) =>
        value <= max
            ? value
            : throw ServingException.InvalidArgument($"input '{inputName}': value {value} is out of range for {datatype}");

    internal static bool HasAny(InferTensorContents? c) => c is not null && UsedField(c) is not null;
}
