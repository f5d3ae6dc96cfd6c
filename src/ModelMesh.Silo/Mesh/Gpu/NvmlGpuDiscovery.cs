using System.Runtime.InteropServices;

namespace ModelMesh.Silo.Mesh.Gpu;

/// <summary>
/// Finds this machine's GPUs and their memory through NVIDIA's NVML (libnvidia-ml.so.1, shipped with the
/// driver). Where the library or a driver is absent it finds none — a CPU-only silo — and says why.
/// </summary>
public static unsafe class NvmlGpuDiscovery
{
    private const int Success = 0;

    /// <summary>Total memory of each GPU by index; empty (with a reason) when NVML is not usable here.</summary>
    public static IReadOnlyDictionary<int, long> Discover(out string? reason, string libraryName = "libnvidia-ml.so.1")
    {
        var gpus = new Dictionary<int, long>();
        if (!NativeLibrary.TryLoad(libraryName, out var library))
        {
            reason = $"{libraryName} not found (no NVIDIA driver)";
            return gpus;
        }

        try
        {
            var init = (delegate* unmanaged[Cdecl]<int>)Export(library, "nvmlInit_v2");
            var shutdown = (delegate* unmanaged[Cdecl]<int>)Export(library, "nvmlShutdown");
            var getCount = (delegate* unmanaged[Cdecl]<uint*, int>)Export(library, "nvmlDeviceGetCount_v2");
            var getHandle = (delegate* unmanaged[Cdecl]<uint, nint*, int>)Export(library, "nvmlDeviceGetHandleByIndex_v2");
            var getMemory = (delegate* unmanaged[Cdecl]<nint, NvmlMemory*, int>)Export(library, "nvmlDeviceGetMemoryInfo");
            if (init() is var status && status != Success)
            {
                reason = $"nvmlInit failed with NVML error {status}";
                return gpus;
            }

            try
            {
                uint count;
                if (getCount(&count) != Success)
                {
                    reason = "nvmlDeviceGetCount failed";
                    return gpus;
                }

                for (uint i = 0; i < count; i++)
                {
                    nint handle;
                    NvmlMemory memory;
                    if (getHandle(i, &handle) == Success && getMemory(handle, &memory) == Success)
                    {
                        gpus[(int)i] = (long)memory.Total;
                    }
                }

                reason = gpus.Count == 0 ? "NVML reports no GPUs" : null;
                return gpus;
            }
            finally
            {
                shutdown();
            }
        }
        catch (EntryPointNotFoundException e)
        {
            reason = $"{libraryName} lacks {e.Message}";
            return gpus;
        }
        finally
        {
            NativeLibrary.Free(library);
        }
    }

    private static nint Export(nint library, string name) =>
        NativeLibrary.TryGetExport(library, name, out var address) ? address : throw new EntryPointNotFoundException(name);

    [StructLayout(LayoutKind.Sequential)]
    private struct NvmlMemory
    {
        public ulong Total;
        public ulong Free;
        public ulong Used;
    }
}
