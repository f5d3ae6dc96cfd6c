namespace ModelMesh.Onnx.Interop;

/// <summary>Owns an OrtValue.</summary>
internal sealed class OrtValueHandle : OrtHandle
{
    protected override int ReleaseFunction => OrtApiIndex.ReleaseValue;
}
