using System.Globalization;
using ModelMesh.Onnx.Interop;

namespace ModelMesh.Onnx;

/// <summary>Per-session options. Every session uses the runtime's global thread pools.</summary>
public sealed class OrtSessionOptions
{
    public GraphOptimizationLevel GraphOptimizationLevel { get; set; } = GraphOptimizationLevel.All;

    /// <summary>
    /// "cpu", "cuda" (device 0) or "cuda:N". A CUDA request that the library cannot honour throws an
    /// <see cref="OrtException"/> rather than silently running on the CPU.
    /// </summary>
    public string ExecutionProvider { get; set; } = "cpu";

    /// <summary>Parses <see cref="ExecutionProvider"/>: null for CPU, the device id for CUDA.</summary>
    internal static int? ParseCudaDevice(string executionProvider)
    {
        var provider = executionProvider.Trim().ToLowerInvariant();
        if (provider is "cpu")
        {
            return null;
        }

        if (provider is "cuda")
        {
            return 0;
        }

        if (provider.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(provider.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var device))
        {
            return device;
        }

        throw new ArgumentException(
            $"Unknown execution provider '{executionProvider}'; expected \"cpu\", \"cuda\" or \"cuda:N\".", nameof(executionProvider));
    }

    internal OrtSessionOptionsHandle ToNative(OrtApi api)
    {
        var cudaDevice = ParseCudaDevice(ExecutionProvider);
        var options = api.CreateSessionOptions();
        try
        {
            api.DisablePerSessionThreads(options);
            api.SetSessionGraphOptimizationLevel(options, GraphOptimizationLevel);
            if (cudaDevice is { } device)
            {
                AppendCuda(api, options, device);
            }

            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    private static void AppendCuda(OrtApi api, OrtSessionOptionsHandle options, int device)
    {
        try
        {
            using var cuda = api.CreateCudaProviderOptions();
            api.UpdateCudaProviderOptions(cuda, "device_id", device.ToString(CultureInfo.InvariantCulture));
            api.AppendExecutionProviderCuda(options, cuda);
        }
        catch (OrtException e)
        {
            throw new OrtException(
                OrtErrorCode.EpFail,
                $"The CUDA execution provider (cuda:{device}) is not usable with the ONNX Runtime at '{api.LibraryPath}': {e.Message} " +
                "The CPU build from onnxruntime-node has no CUDA provider libraries; point OrtRuntimeOptions.LibraryPath " +
                $"or {OrtNativeLibrary.EnvironmentVariable} at a CUDA build of ONNX Runtime (with libonnxruntime_providers_cuda.so beside it), or use \"cpu\".");
        }
    }
}
