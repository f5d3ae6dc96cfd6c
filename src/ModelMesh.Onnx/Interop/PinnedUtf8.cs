using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ModelMesh.Onnx.Interop;

/// <summary>
/// A NUL-terminated UTF-8 copy of a string on the pinned object heap: a stable pointer for native calls
/// that lives exactly as long as its owner is reachable (no explicit free, so no use-after-free).
/// </summary>
internal sealed unsafe class PinnedUtf8
{
    private readonly byte[] bytes;

    public PinnedUtf8(string value)
    {
        var utf8 = Utf8.NullTerminated(value);
        bytes = GC.AllocateUninitializedArray<byte>(utf8.Length, pinned: true);
        utf8.CopyTo(bytes, 0);
    }

    public nint Pointer => (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(bytes));
}
