using System.Runtime.InteropServices;

namespace ModelMesh.Onnx.Tests.Reference;

/// <summary>Conversions between typed arrays and the raw little-endian bytes tensors carry.</summary>
internal static class TensorBytes
{
    public static byte[] Of<T>(T[] values)
        where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    public static T[] To<T>(byte[] data)
        where T : unmanaged => MemoryMarshal.Cast<byte, T>(data).ToArray();

    public static float[] RandomFloats(int seed, int count, float scale = 1f)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = ((random.NextSingle() * 2f) - 1f) * scale;
        }

        return values;
    }
}
