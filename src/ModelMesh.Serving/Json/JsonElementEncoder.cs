using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ModelMesh.Serving.Json;

/// <summary>
/// Encodes one JSON scalar as one little-endian tensor element of a V2 datatype, checking its type and range.
/// Float types also take the strings "NaN", "Infinity", "-Infinity", "inf" and "-inf" (any case).
/// </summary>
internal static class JsonElementEncoder
{
    public static void Encode(ref Utf8JsonReader reader, V2ElementType type, RawTensorBuilder output, string inputName, long index)
    {
        switch (type)
        {
            case V2ElementType.Bool:
                output.GetSpan(1)[0] = ReadBool(ref reader, inputName, index) ? (byte)1 : (byte)0;
                output.Advance(1);
                break;
            case V2ElementType.UInt8:
                output.GetSpan(1)[0] = (byte)ReadUnsigned(ref reader, type, byte.MaxValue, inputName, index);
                output.Advance(1);
                break;
            case V2ElementType.UInt16:
                BinaryPrimitives.WriteUInt16LittleEndian(output.GetSpan(2), (ushort)ReadUnsigned(ref reader, type, ushort.MaxValue, inputName, index));
                output.Advance(2);
                break;
            case V2ElementType.UInt32:
                BinaryPrimitives.WriteUInt32LittleEndian(output.GetSpan(4), (uint)ReadUnsigned(ref reader, type, uint.MaxValue, inputName, index));
                output.Advance(4);
                break;
            case V2ElementType.UInt64:
                BinaryPrimitives.WriteUInt64LittleEndian(output.GetSpan(8), ReadUnsigned(ref reader, type, ulong.MaxValue, inputName, index));
                output.Advance(8);
                break;
            case V2ElementType.Int8:
                output.GetSpan(1)[0] = (byte)(sbyte)ReadSigned(ref reader, type, sbyte.MinValue, sbyte.MaxValue, inputName, index);
                output.Advance(1);
                break;
            case V2ElementType.Int16:
                BinaryPrimitives.WriteInt16LittleEndian(output.GetSpan(2), (short)ReadSigned(ref reader, type, short.MinValue, short.MaxValue, inputName, index));
                output.Advance(2);
                break;
            case V2ElementType.Int32:
                BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), (int)ReadSigned(ref reader, type, int.MinValue, int.MaxValue, inputName, index));
                output.Advance(4);
                break;
            case V2ElementType.Int64:
                BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), ReadSigned(ref reader, type, long.MinValue, long.MaxValue, inputName, index));
                output.Advance(8);
                break;
            case V2ElementType.FP16:
                BinaryPrimitives.WriteHalfLittleEndian(output.GetSpan(2), ReadHalf(ref reader, inputName, index));
                output.Advance(2);
                break;
            case V2ElementType.BF16:
                BinaryPrimitives.WriteUInt16LittleEndian(output.GetSpan(2), ReadBFloat16(ref reader, inputName, index));
                output.Advance(2);
                break;
            case V2ElementType.FP32:
                BinaryPrimitives.WriteSingleLittleEndian(output.GetSpan(4), ReadSingle(ref reader, inputName, index));
                output.Advance(4);
                break;
            case V2ElementType.FP64:
                BinaryPrimitives.WriteDoubleLittleEndian(output.GetSpan(8), ReadDouble(ref reader, inputName, index));
                output.Advance(8);
                break;
            default:
                EncodeBytes(ref reader, output, inputName, index);
                break;
        }
    }

    private static bool ReadBool(ref Utf8JsonReader reader, string inputName, long index)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number when reader.TryGetInt32(out int number) && number is 0 or 1:
                return number == 1;
            default:
                throw NotA(ref reader, V2ElementType.Bool, inputName, index);
        }
    }

    private static ulong ReadUnsigned(ref Utf8JsonReader reader, V2ElementType type, ulong max, string inputName, long index)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw NotA(ref reader, type, inputName, index);
        }

        if (reader.TryGetUInt64(out ulong value))
        {
            return value <= max ? value : throw OutOfRange(ref reader, type, inputName, index);
        }

        double number = ReadIntegralDouble(ref reader, type, inputName, index);
        return number >= 0 && number <= max && number < 18446744073709551616.0 ? (ulong)number : throw OutOfRange(ref reader, type, inputName, index);
    }

    private static long ReadSigned(ref Utf8JsonReader reader, V2ElementType type, long min, long max, string inputName, long index)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw NotA(ref reader, type, inputName, index);
        }

        if (reader.TryGetInt64(out long value))
        {
            return value >= min && value <= max ? value : throw OutOfRange(ref reader, type, inputName, index);
        }

        double number = ReadIntegralDouble(ref reader, type, inputName, index);
        return number >= min && number <= max && number < 9223372036854775808.0 ? (long)number : throw OutOfRange(ref reader, type, inputName, index);
    }

    /// <summary>Integers written as 3.0 or 1e3 are accepted; 1.5 is not.</summary>
    private static double ReadIntegralDouble(ref Utf8JsonReader reader, V2ElementType type, string inputName, long index)
    {
        if (!reader.TryGetDouble(out double number) || !double.IsFinite(number))
        {
            throw OutOfRange(ref reader, type, inputName, index);
        }

        return Math.Floor(number) == number ? number : throw NotA(ref reader, type, inputName, index);
    }

    private static Half ReadHalf(ref Utf8JsonReader reader, string inputName, long index)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!Half.TryParse(reader.ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out Half value))
            {
                throw NotA(ref reader, V2ElementType.FP16, inputName, index);
            }

            return Half.IsFinite(value) ? value : throw OutOfRange(ref reader, V2ElementType.FP16, inputName, index);
        }

        return (Half)ReadNonFinite(ref reader, V2ElementType.FP16, inputName, index);
    }

    private static ushort ReadBFloat16(ref Utf8JsonReader reader, string inputName, long index)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            ushort bits = reader.TryGetSingle(out float value) ? BFloat16Bits.FromSingle(value) : (ushort)0x7F80;
            return float.IsFinite(BFloat16Bits.ToSingle(bits)) ? bits : throw OutOfRange(ref reader, V2ElementType.BF16, inputName, index);
        }

        return BFloat16Bits.FromSingle((float)ReadNonFinite(ref reader, V2ElementType.BF16, inputName, index));
    }

    private static float ReadSingle(ref Utf8JsonReader reader, string inputName, long index)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetSingle(out float value) && float.IsFinite(value) ? value : throw OutOfRange(ref reader, V2ElementType.FP32, inputName, index);
        }

        return (float)ReadNonFinite(ref reader, V2ElementType.FP32, inputName, index);
    }

    private static double ReadDouble(ref Utf8JsonReader reader, string inputName, long index)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetDouble(out double value) && double.IsFinite(value) ? value : throw OutOfRange(ref reader, V2ElementType.FP64, inputName, index);
        }

        return ReadNonFinite(ref reader, V2ElementType.FP64, inputName, index);
    }

    private static double ReadNonFinite(ref Utf8JsonReader reader, V2ElementType type, string inputName, long index)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
        {
            var text = reader.ValueSpan;
            if (Ascii.EqualsIgnoreCase(text, "NaN"u8))
            {
                return double.NaN;
            }

            if (Ascii.EqualsIgnoreCase(text, "Infinity"u8) || Ascii.EqualsIgnoreCase(text, "inf"u8)
                || Ascii.EqualsIgnoreCase(text, "+Infinity"u8) || Ascii.EqualsIgnoreCase(text, "+inf"u8))
            {
                return double.PositiveInfinity;
            }

            if (Ascii.EqualsIgnoreCase(text, "-Infinity"u8) || Ascii.EqualsIgnoreCase(text, "-inf"u8))
            {
                return double.NegativeInfinity;
            }
        }

        throw NotA(ref reader, type, inputName, index);
    }

    private static void EncodeBytes(ref Utf8JsonReader reader, RawTensorBuilder output, string inputName, long index)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw NotA(ref reader, V2ElementType.Bytes, inputName, index);
        }

        // The unescaped string is never longer than its JSON text.
        var span = output.GetSpan(4 + reader.ValueSpan.Length);
        int length = reader.CopyString(span[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, length);
        output.Advance(4 + length);
    }

    private static ServingException NotA(ref Utf8JsonReader reader, V2ElementType type, string inputName, long index) =>
        JsonCodecErrors.Invalid(
            $"input '{inputName}': element {index} is {JsonCodecErrors.TokenText(ref reader)}, expected {Expected(type)}");

    private static ServingException OutOfRange(ref Utf8JsonReader reader, V2ElementType type, string inputName, long index) =>
        JsonCodecErrors.Invalid(
            $"input '{inputName}': element {index} value {JsonCodecErrors.TokenText(ref reader)} is out of range for {V2Datatypes.Name(type)}");

    private static string Expected(V2ElementType type) => type switch
    {
        V2ElementType.Bool => "true, false, 0 or 1 (BOOL)",
        V2ElementType.Bytes => "a string (BYTES)",
        V2ElementType.FP16 or V2ElementType.BF16 or V2ElementType.FP32 or V2ElementType.FP64 =>
            $"a number, \"NaN\", \"Infinity\" or \"-Infinity\" ({V2Datatypes.Name(type)})",
        _ => $"an integer ({V2Datatypes.Name(type)})",
    };
}
