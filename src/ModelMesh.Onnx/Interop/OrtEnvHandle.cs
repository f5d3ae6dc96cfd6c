namespace ModelMesh.Onnx.Interop;

/// <summary>Owns an OrtEnv (the process-wide environment).</summary>
internal sealed class OrtEnvHandle : OrtHandle
{
    protected override int ReleaseFunction => OrtApiIndex.ReleaseEnv;
}
