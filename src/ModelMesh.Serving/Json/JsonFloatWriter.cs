using System.Text.Json;

namespace ModelMesh.Serving.Json;

/// <summary>
/// Writes floating-point values as JSON numbers (shortest round-trip form), and the non-finite ones,
/// which JSON numbers cannot express, as the strings "NaN", "Infinity" and "-Infinity".
/// </summary>
internal static class JsonFloatWriter
{
    public static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            WriteNonFinite(writer, double.IsNaN(value), value > 0);
        }
    }

    public static void WriteSingle(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            WriteNonFinite(writer, float.IsNaN(value), value > 0);
        }
    }

    /// <summary>
    /// Writes the half's exact value in float32's shortest form (half 0.1 -> 0.099975586, 65504 -> 65504), which
    /// reads back as the same half and is what a float32 consumer computing a reference would see.
    /// </summary>
    public static void WriteHalf(Utf8JsonWriter writer, Half value) => WriteSingle(writer, (float)value);

    private static void WriteNonFinite(Utf8JsonWriter writer, bool isNaN, bool isPositive) =>
        writer.WriteStringValue(isNaN ? "NaN"u8 : isPositive ? "Infinity"u8 : "-Infinity"u8);
}
