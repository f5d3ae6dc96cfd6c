namespace ModelMesh.Onnx.Interop;

/// <summary>Owns an OrtSessionOptions.</summary>
internal sealed class OrtSessionOptionsHandle : OrtHandle
{
    protected override int ReleaseFunction => OrtApiIndex.ReleaseSessionOptions;
}
