namespace ModelMesh.Onnx.Interop;

/// <summary>Run and run options.</summary>
internal sealed unsafe partial class OrtApi
{
    public OrtRunOptionsHandle CreateRunOptions()
    {
        nint options;
        Check(((delegate* unmanaged[Cdecl]<nint*, nint>)table[OrtApiIndex.CreateRunOptions])(&options));
        return OrtHandle.Wrap<OrtRunOptionsHandle>(options);
    }

    /// <summary>Asks every Run using these options to stop at the next node boundary.</summary>
    public void RunOptionsSetTerminate(nint runOptions) =>
        Check(((delegate* unmanaged[Cdecl]<nint, nint>)table[OrtApiIndex.RunOptionsSetTerminate])(runOptions));

    /// <summary>Runs the session; returns the OrtStatus (null on success) so the caller can tell cancellation apart.</summary>
    public nint Run(
        nint session,
        nint runOptions,
        byte** inputNames,
        nint* inputValues,
        int inputCount,
        byte** outputNames,
        int outputCount,
        nint* outputValues) =>
        ((delegate* unmanaged[Cdecl]<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint>)table[OrtApiIndex.Run])(
            session, runOptions, inputNames, inputValues, (nuint)inputCount, outputNames, (nuint)outputCount, outputValues);
}
