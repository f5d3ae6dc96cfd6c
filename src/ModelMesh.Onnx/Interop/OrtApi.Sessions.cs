using System.Runtime.InteropServices;

namespace ModelMesh.Onnx.Interop;

/// <summary>Session options, execution providers, session creation and metadata.</summary>
internal sealed unsafe partial class OrtApi
{
    public OrtSessionOptionsHandle CreateSessionOptions()
    {
        nint options;
        Check(((delegate* unmanaged[Cdecl]<nint*, nint>)table[OrtApiIndex.CreateSessionOptions])(&options));
        return OrtHandle.Wrap<OrtSessionOptionsHandle>(options);
    }

    public void DisablePerSessionThreads(OrtSessionOptionsHandle options) =>
        Check(((delegate* unmanaged[Cdecl]<nint, nint>)table[OrtApiIndex.DisablePerSessionThreads])(options.DangerousGetHandle()));

    public void SetSessionGraphOptimizationLevel(OrtSessionOptionsHandle options, GraphOptimizationLevel level) =>
        Check(((delegate* unmanaged[Cdecl]<nint, int, nint>)table[OrtApiIndex.SetSessionGraphOptimizationLevel])(options.DangerousGetHandle(), (int)level));

    public OrtCudaProviderOptionsHandle CreateCudaProviderOptions()
    {
        nint options;
        Check(((delegate* unmanaged[Cdecl]<nint*, nint>)table[OrtApiIndex.CreateCudaProviderOptions])(&options));
        return OrtHandle.Wrap<OrtCudaProviderOptionsHandle>(options);
    }

    public void UpdateCudaProviderOptions(OrtCudaProviderOptionsHandle options, string key, string value)
    {
        fixed (byte* keyPointer = Utf8.NullTerminated(key))
        fixed (byte* valuePointer = Utf8.NullTerminated(value))
        {
            var keys = stackalloc byte*[1] { keyPointer };
            var values = stackalloc byte*[1] { valuePointer };
            Check(((delegate* unmanaged[Cdecl]<nint, byte**, byte**, nuint, nint>)table[OrtApiIndex.UpdateCudaProviderOptions])(
                options.DangerousGetHandle(), keys, values, 1));
        }
    }

    public void AppendExecutionProviderCuda(OrtSessionOptionsHandle options, OrtCudaProviderOptionsHandle cudaOptions) =>
        Check(((delegate* unmanaged[Cdecl]<nint, nint, nint>)table[OrtApiIndex.SessionOptionsAppendExecutionProviderCudaV2])(
            options.DangerousGetHandle(), cudaOptions.DangerousGetHandle()));

    public nint CreateSession(OrtEnvHandle env, string modelPath, OrtSessionOptionsHandle options)
    {
        nint session;
        if (OperatingSystem.IsWindows())
        {
            fixed (char* pathPointer = modelPath)
            {
                Check(((delegate* unmanaged[Cdecl]<nint, char*, nint, nint*, nint>)table[OrtApiIndex.CreateSession])(
                    env.DangerousGetHandle(), pathPointer, options.DangerousGetHandle(), &session));
            }
        }
        else
        {
            fixed (byte* pathPointer = Utf8.NullTerminated(modelPath))
            {
                Check(((delegate* unmanaged[Cdecl]<nint, byte*, nint, nint*, nint>)table[OrtApiIndex.CreateSession])(
                    env.DangerousGetHandle(), pathPointer, options.DangerousGetHandle(), &session));
            }
        }

        return session;
    }

    public nint CreateSessionFromArray(OrtEnvHandle env, ReadOnlySpan<byte> model, OrtSessionOptionsHandle options)
    {
        nint session;
        fixed (byte* modelPointer = model)
        {
            Check(((delegate* unmanaged[Cdecl]<nint, byte*, nuint, nint, nint*, nint>)table[OrtApiIndex.CreateSessionFromArray])(
                env.DangerousGetHandle(), modelPointer, (nuint)model.Length, options.DangerousGetHandle(), &session));
        }

        return session;
    }

    public int SessionGetCount(OrtSessionHandle session, bool outputs)
    {
        nuint count;
        var index = outputs ? OrtApiIndex.SessionGetOutputCount : OrtApiIndex.SessionGetInputCount;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint*, nint>)table[index])(session.DangerousGetHandle(), &count));
        return checked((int)count);
    }

    /// <summary>Name of input/output <paramref name="position"/>; the native copy is freed with the allocator that made it.</summary>
    public string SessionGetName(OrtSessionHandle session, bool output, int position, nint allocator)
    {
        byte* name;
        var index = output ? OrtApiIndex.SessionGetOutputName : OrtApiIndex.SessionGetInputName;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint>)table[index])(
            session.DangerousGetHandle(), (nuint)position, allocator, &name));
        try
        {
            return Marshal.PtrToStringUTF8((nint)name) ?? string.Empty;
        }
        finally
        {
            AllocatorFree(allocator, (nint)name);
        }
    }

    public OrtTypeInfoHandle SessionGetTypeInfo(OrtSessionHandle session, bool output, int position)
    {
        nint typeInfo;
        var index = output ? OrtApiIndex.SessionGetOutputTypeInfo : OrtApiIndex.SessionGetInputTypeInfo;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint>)table[index])(session.DangerousGetHandle(), (nuint)position, &typeInfo));
        return OrtHandle.Wrap<OrtTypeInfoHandle>(typeInfo);
    }
}
