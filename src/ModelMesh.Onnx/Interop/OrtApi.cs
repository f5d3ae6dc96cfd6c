using System.Runtime.InteropServices;

namespace ModelMesh.Onnx.Interop;

/// <summary>
/// The OrtApi function table of a loaded libonnxruntime, called through unmanaged function pointers.
/// Every OrtStatus-returning call goes through <see cref="Check"/>, which turns a non-null status into
/// an <see cref="OrtException"/> and frees the status. Split by area into partial files.
/// </summary>
internal sealed unsafe partial class OrtApi
{
    private readonly nint* table;
    private OrtMemoryInfoHandle? cpuMemoryInfo;

    private OrtApi(nint* table, string version, string libraryPath)
    {
        this.table = table;
        Version = version;
        LibraryPath = libraryPath;
    }

    public string Version { get; }

    public string LibraryPath { get; }

    /// <summary>Calls the exported OrtGetApiBase and asks its GetApi for our table version.</summary>
    public static OrtApi FromGetApiBase(nint getApiBase, string libraryPath)
    {
        var functions = ((delegate* unmanaged[Cdecl]<nint*>)getApiBase)();
        var getApi = (delegate* unmanaged[Cdecl]<uint, nint*>)functions[0];
        var getVersionString = (delegate* unmanaged[Cdecl]<byte*>)functions[1];
        var version = Marshal.PtrToStringUTF8((nint)getVersionString()) ?? "unknown";
        var table = getApi(OrtNativeLibrary.ApiVersion);
        if (table is null)
        {
            throw new OrtException(
                OrtErrorCode.NotImplemented,
                $"ONNX Runtime {version} at '{libraryPath}' does not provide API version {OrtNativeLibrary.ApiVersion}; use 1.{OrtNativeLibrary.ApiVersion} or newer.");
        }

        return new OrtApi(table, version, libraryPath);
    }

    /// <summary>Throws an <see cref="OrtException"/> for a non-null OrtStatus, releasing it.</summary>
    public void Check(nint status)
    {
        if (status != 0)
        {
            throw ToException(status);
        }
    }

    /// <summary>Reads code and message from a non-null OrtStatus and releases it.</summary>
    public OrtException ToException(nint status)
    {
        var code = ((delegate* unmanaged[Cdecl]<nint, int>)table[OrtApiIndex.GetErrorCode])(status);
        var message = Marshal.PtrToStringUTF8(((delegate* unmanaged[Cdecl]<nint, nint>)table[OrtApiIndex.GetErrorMessage])(status));
        ((delegate* unmanaged[Cdecl]<nint, void>)table[OrtApiIndex.ReleaseStatus])(status);
        return new OrtException((OrtErrorCode)code, message ?? "ONNX Runtime reported an error without a message.");
    }

    /// <summary>Calls one of the void Release* functions.</summary>
    public void Release(int index, nint handle) => ((delegate* unmanaged[Cdecl]<nint, void>)table[index])(handle);

    public string BuildInfo() =>
        Marshal.PtrToStringUTF8(((delegate* unmanaged[Cdecl]<nint>)table[OrtApiIndex.GetBuildInfoString])()) ?? string.Empty;
}
