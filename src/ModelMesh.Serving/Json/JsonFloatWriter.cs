using System.Globalization;
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

    /// <summary>Writes the shortest decimal that reads back as the same half, e.g. 0.1 rather than 0.099975586.</summary>
    public static void WriteHalf(Utf8JsonWriter writer, Half value)
    {
        if (!Half.IsFinite(value))
        {
            WriteNonFinite(writer, Half.IsNaN(value), Half.IsPositive(value));
            return;
        }

        Span<byte> text = stackalloc byte[32];
        if (value.TryFormat(text, out int written, default, CultureInfo.InvariantCulture))
        {
            writer.WriteRawValue(text[..written], skipInputValidation: true);
        }
        else
        {
            writer.WriteNumberValue((float)value);
        }
    }

    private static void WriteNonFinite(Utf8JsonWriter writer, bool isNaN, bool isPositive) =>
        writer.WriteStringValue(isNaN ? "NaN"u8 : isPositive ? "Infinity"u8 : "-Infinity"u8);
}
