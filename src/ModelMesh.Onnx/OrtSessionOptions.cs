using System.Globalization;
using Ort = Microsoft.ML.OnnxRuntime;

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

    /// <summary>The package's session options: per-session threads off, the optimization level, CUDA if asked for.</summary>
    internal Ort.SessionOptions CreateNative()
    {
        var cudaDevice = ParseCudaDevice(ExecutionProvider);
        var options = new Ort.SessionOptions();
        try
        {
            options.DisablePerSessionThreads();
            options.GraphOptimizationLevel = (Ort.GraphOptimizationLevel)(int)GraphOptimizationLevel;
            if (cudaDevice is { } device)
            {
                AppendCuda(options, device);
            }

            return options;
        }
        catch (Ort.OnnxRuntimeException e)
        {
            options.Dispose();
            throw OrtErrors.From(e);
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    private static void AppendCuda(Ort.SessionOptions options, int device)
    {
        try
        {
            options.AppendExecutionProvider_CUDA(device);
        }
        catch (Exception e) when (e is Ort.OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            var reason = e is Ort.OnnxRuntimeException ortError ? OrtErrors.From(ortError).Message : e.Message;
            throw new OrtException(
                OrtErrorCode.EpFail,
                $"The CUDA execution provider (cuda:{device}) is not usable: {reason} " +
                "The default build ships ONNX Runtime's CPU package, which has no CUDA provider; build or publish with " +
                "-p:ModelMeshGpu=true for the CUDA package (it also needs the CUDA 13 libraries and cuDNN on the machine), or use \"cpu\".",
                e);
        }
    }
}
