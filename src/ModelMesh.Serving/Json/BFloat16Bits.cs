namespace ModelMesh.Serving.Json;

/// <summary>bfloat16 (the top 16 bits of an IEEE float32) to and from <see cref="float"/>.</summary>
internal static class BFloat16Bits
{
    /// <summary>Rounds to nearest, ties to even; NaN stays a (quiet) NaN with its sign.</summary>
    public static ushort FromSingle(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value))
        {
            return (ushort)((bits >> 16) | 0x0040);
        }

        uint roundingBias = 0x7FFF + ((bits >> 16) & 1);
        return (ushort)((bits + roundingBias) >> 16);
    }

    public static float ToSingle(ushort bf16) => BitConverter.UInt32BitsToSingle((uint)bf16 << 16);
}
