namespace ModelMesh.Onnx.Interop;

/// <summary>Owns an OrtRunOptions.</summary>
internal sealed class OrtRunOptionsHandle : OrtHandle
{
    protected override int ReleaseFunction => OrtApiIndex.ReleaseRunOptions;
}
