namespace ModelMesh.Onnx.Interop;

/// <summary>
/// Owns an OrtSession. It holds a reference on the environment's handle, so the OrtEnv outlives
/// every session made from it even when the runtime is disposed first.
/// </summary>
internal sealed class OrtSessionHandle : OrtHandle
{
    private OrtEnvHandle? environment;

    protected override int ReleaseFunction => OrtApiIndex.ReleaseSession;

    public static OrtSessionHandle Create(OrtEnvHandle environment, Func<nint> createSession)
    {
        var added = false;
        environment.DangerousAddRef(ref added);
        try
        {
            var session = Wrap<OrtSessionHandle>(createSession());
            session.environment = environment;
            added = false;
            return session;
        }
        finally
        {
            if (added)
            {
                environment.DangerousRelease();
            }
        }
    }

    protected override bool ReleaseHandle()
    {
        base.ReleaseHandle();
        environment?.DangerousRelease();
        return true;
    }
}
