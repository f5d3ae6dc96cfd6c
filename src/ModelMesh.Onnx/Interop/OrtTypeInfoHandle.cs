namespace ModelMesh.Onnx.Interop;

/// <summary>Owns an OrtTypeInfo.</summary>
internal sealed class OrtTypeInfoHandle : OrtHandle
{
    protected override int ReleaseFunction => OrtApiIndex.ReleaseTypeInfo;
}
