using System.Buffers;
using System.Runtime.InteropServices;

namespace ModelMesh.Onnx.Tests.Reference;

/// <summary>Memory over an array that runs a callback when pinned: a hook into the moment Run wraps an input.</summary>
internal sealed unsafe class PinCallbackMemory(byte[] array, Action onPin) : MemoryManager<byte>
{
    private GCHandle handle;

    public override Span<byte> GetSpan() => array;

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        onPin();
        handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        return new MemoryHandle((byte*)handle.AddrOfPinnedObject() + elementIndex, handle, this);
    }

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
