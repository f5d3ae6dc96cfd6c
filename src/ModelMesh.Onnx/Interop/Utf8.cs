using System.Text;

namespace ModelMesh.Onnx.Interop;

/// <summary>UTF-8 C strings for the native API.</summary>
internal static class Utf8
{
    public static byte[] NullTerminated(string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return bytes;
    }
}
