namespace ModelMesh.Onnx.Interop;

/// <summary>Owns an OrtThreadingOptions.</summary>
internal sealed class OrtThreadingOptionsHandle : OrtHandle
{
    protected override int ReleaseFunction => OrtApiIndex.ReleaseThreadingOptions;
}
