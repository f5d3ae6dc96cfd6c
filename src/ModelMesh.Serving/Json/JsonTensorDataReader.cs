using System.Text.Json;

namespace ModelMesh.Serving.Json;

/// <summary>
/// Reads tensor data given as JSON scalars, flat or in nested arrays (row-major), into raw little-endian bytes.
/// <see cref="ReadFlat"/> ignores the nesting; <see cref="ReadNested"/> requires a fixed depth and the same
/// length for every array at the same depth, and reports the shape it found.
/// </summary>
internal static class JsonTensorDataReader
{
    /// <summary>Reads the value the reader is on (an array, or one scalar); returns the element count.</summary>
    public static long ReadFlat(ref Utf8JsonReader reader, V2ElementType type, RawTensorBuilder output, string inputName)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            EncodeScalar(ref reader, type, output, inputName, 0);
            return 1;
        }

        long count = 0;
        int depth = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    depth++;
                    break;
                case JsonTokenType.EndArray:
                    if (depth-- == 0)
                    {
                        return count;
                    }

                    break;
                default:
                    EncodeScalar(ref reader, type, output, inputName, count++);
                    break;
            }
        }

        return count;
    }

    /// <summary>
    /// Reads a value nested exactly <c>dims.Length</c> deep. <paramref name="dims"/> holds the expected length of
    /// each level (-1 = not known yet, set by the first array met at that level); a different length is an error
    /// naming <paramref name="where"/> (e.g. "instance 2") and the dimension <c>firstDim + level</c>.
    /// </summary>
    public static long ReadNested(
        ref Utf8JsonReader reader, V2ElementType type, RawTensorBuilder output, in NestedDataContext context, long[] dims, long elementsSoFar)
    {
        return ReadLevel(ref reader, type, output, in context, dims, 0, elementsSoFar) - elementsSoFar;
    }

    private static long ReadLevel(
        ref Utf8JsonReader reader, V2ElementType type, RawTensorBuilder output, in NestedDataContext context, long[] dims, int level, long index)
    {
        if (level == dims.Length)
        {
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                throw JsonCodecErrors.Invalid(
                    $"input '{context.InputName}': {context.Where} is nested deeper than input shape {context.ShapeText} allows");
            }

            EncodeScalar(ref reader, type, output, context.InputName, index);
            return index + 1;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw JsonCodecErrors.Invalid(
                $"input '{context.InputName}': {context.Where} has {JsonCodecErrors.TokenText(ref reader)} where input shape {context.ShapeText} needs an array (dimension {context.FirstDim + level})");
        }

        long length = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            index = ReadLevel(ref reader, type, output, in context, dims, level + 1, index);
            length++;
        }

        if (dims[level] < 0)
        {
            dims[level] = length;
        }
        else if (dims[level] != length)
        {
            throw JsonCodecErrors.Invalid(
                $"input '{context.InputName}': {context.Where} has {length} elements in dimension {context.FirstDim + level}, expected {dims[level]} (input shape {context.ShapeText})");
        }

        return index;
    }

    private static void EncodeScalar(ref Utf8JsonReader reader, V2ElementType type, RawTensorBuilder output, string inputName, long index)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.Null)
        {
            throw JsonCodecErrors.Invalid(
                $"input '{inputName}': element {index} is {JsonCodecErrors.TokenText(ref reader)}, expected a {V2Datatypes.Name(type)} value");
        }

        JsonElementEncoder.Encode(ref reader, type, output, inputName, index);
    }
}
