using System.Runtime.InteropServices;

namespace ModelMesh.Onnx.Interop;

/// <summary>Environment, global thread pools and provider listing.</summary>
internal sealed unsafe partial class OrtApi
{
    public OrtThreadingOptionsHandle CreateThreadingOptions()
    {
        nint options;
        Check(((delegate* unmanaged[Cdecl]<nint*, nint>)table[OrtApiIndex.CreateThreadingOptions])(&options));
        return OrtHandle.Wrap<OrtThreadingOptionsHandle>(options);
    }

    public void SetGlobalIntraOpNumThreads(OrtThreadingOptionsHandle options, int threads) =>
        Check(((delegate* unmanaged[Cdecl]<nint, int, nint>)table[OrtApiIndex.SetGlobalIntraOpNumThreads])(options.DangerousGetHandle(), threads));

    public void SetGlobalInterOpNumThreads(OrtThreadingOptionsHandle options, int threads) =>
        Check(((delegate* unmanaged[Cdecl]<nint, int, nint>)table[OrtApiIndex.SetGlobalInterOpNumThreads])(options.DangerousGetHandle(), threads));

    public void SetGlobalSpinControl(OrtThreadingOptionsHandle options, bool allowSpinning) =>
        Check(((delegate* unmanaged[Cdecl]<nint, int, nint>)table[OrtApiIndex.SetGlobalSpinControl])(options.DangerousGetHandle(), allowSpinning ? 1 : 0));

    public OrtEnvHandle CreateEnvWithGlobalThreadPools(OrtLoggingLevel level, string logId, OrtThreadingOptionsHandle options)
    {
        var logIdUtf8 = Utf8.NullTerminated(logId);
        nint env;
        fixed (byte* logIdPointer = logIdUtf8)
        {
            Check(((delegate* unmanaged[Cdecl]<int, byte*, nint, nint*, nint>)table[OrtApiIndex.CreateEnvWithGlobalThreadPools])(
                (int)level, logIdPointer, options.DangerousGetHandle(), &env));
        }

        return OrtHandle.Wrap<OrtEnvHandle>(env);
    }

    public string[] GetAvailableProviders()
    {
        byte** providers;
        int count;
        Check(((delegate* unmanaged[Cdecl]<byte***, int*, nint>)table[OrtApiIndex.GetAvailableProviders])(&providers, &count));
        try
        {
            var names = new string[count];
            for (var i = 0; i < count; i++)
            {
                names[i] = Marshal.PtrToStringUTF8((nint)providers[i]) ?? string.Empty;
            }

            return names;
        }
        finally
        {
            Check(((delegate* unmanaged[Cdecl]<byte**, int, nint>)table[OrtApiIndex.ReleaseAvailableProviders])(providers, count));
        }
    }

    /// <summary>
    /// Describes ordinary CPU memory for tensors over caller buffers. Made once per loaded library and never
    /// released, so sessions that outlive their runtime can still wrap inputs.
    /// </summary>
    public OrtMemoryInfoHandle CpuMemoryInfo => LazyInitializer.EnsureInitialized(ref cpuMemoryInfo, CreateCpuMemoryInfo);

    private OrtMemoryInfoHandle CreateCpuMemoryInfo()
    {
        const int OrtArenaAllocator = 1;
        const int OrtMemTypeDefault = 0;
        nint info;
        Check(((delegate* unmanaged[Cdecl]<int, int, nint*, nint>)table[OrtApiIndex.CreateCpuMemoryInfo])(OrtArenaAllocator, OrtMemTypeDefault, &info));
        return OrtHandle.Wrap<OrtMemoryInfoHandle>(info);
    }

    /// <summary>ORT's default CPU allocator; owned by ORT and never freed.</summary>
    public nint GetAllocatorWithDefaultOptions()
    {
        nint allocator;
        Check(((delegate* unmanaged[Cdecl]<nint*, nint>)table[OrtApiIndex.GetAllocatorWithDefaultOptions])(&allocator));
        return allocator;
    }

    public void AllocatorFree(nint allocator, nint pointer) =>
        Check(((delegate* unmanaged[Cdecl]<nint, nint, nint>)table[OrtApiIndex.AllocatorFree])(allocator, pointer));
}
