namespace ModelMesh.Onnx.Interop;

/// <summary>Owns an OrtTensorTypeAndShapeInfo.</summary>
internal sealed class OrtTensorTypeAndShapeInfoHandle : OrtHandle
{
    protected override int ReleaseFunction => OrtApiIndex.ReleaseTensorTypeAndShapeInfo;
}
