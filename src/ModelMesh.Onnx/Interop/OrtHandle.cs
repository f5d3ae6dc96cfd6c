using System.Runtime.InteropServices;

namespace ModelMesh.Onnx.Interop;

/// <summary>Base of the SafeHandles over ORT objects: each names the Release* function that frees it.</summary>
internal abstract class OrtHandle : SafeHandle
{
    protected OrtHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>Index of the void Release* function for this object in the OrtApi table.</summary>
    protected abstract int ReleaseFunction { get; }

    public static T Wrap<T>(nint pointer)
        where T : OrtHandle, new()
    {
        var wrapped = new T();
        wrapped.SetHandle(pointer);
        return wrapped;
    }

    protected override bool ReleaseHandle()
    {
        OrtNativeLibrary.Api.Release(ReleaseFunction, handle);
        return true;
    }
}
