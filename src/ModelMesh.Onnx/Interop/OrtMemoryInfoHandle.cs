namespace ModelMesh.Onnx.Interop;

/// <summary>Owns an OrtMemoryInfo.</summary>
internal sealed class OrtMemoryInfoHandle : OrtHandle
{
    protected override int ReleaseFunction => OrtApiIndex.ReleaseMemoryInfo;
}
