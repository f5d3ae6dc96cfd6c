namespace ModelMesh.Onnx.Interop;

/// <summary>Owns an OrtCUDAProviderOptionsV2.</summary>
internal sealed class OrtCudaProviderOptionsHandle : OrtHandle
{
    protected override int ReleaseFunction => OrtApiIndex.ReleaseCudaProviderOptions;
}
