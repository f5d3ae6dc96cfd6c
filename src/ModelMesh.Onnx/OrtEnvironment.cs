using Ort = Microsoft.ML.OnnxRuntime;

namespace ModelMesh.Onnx;

/// <summary>
/// The process's one ONNX Runtime environment (the package's <see cref="Ort.OrtEnv"/> singleton), created with global
/// intra-/inter-op thread pools and counted: the runtime and every session hold a reference, and the environment is
/// released after the last one lets go. A runtime created while sessions of a disposed one are still alive shares
/// their environment, which it may only do with the same thread and logging settings.
/// </summary>
internal static class OrtEnvironment
{
    private static readonly Lock Gate = new();
    private static Ort.OrtEnv? environment;
    private static EnvironmentSettings? settings;
    private static int references;

    /// <summary>Takes a reference on the environment, creating it with <paramref name="options"/> when there is none.</summary>
    public static Ort.OrtEnv Acquire(OrtRuntimeOptions options)
    {
        var wanted = EnvironmentSettings.From(options);
        lock (Gate)
        {
            if (environment is null)
            {
                environment = Create(wanted);
                settings = wanted;
            }
            else if (settings != wanted)
            {
                throw new InvalidOperationException(
                    $"The ONNX Runtime environment ({settings}) is still held by sessions of a disposed OrtRuntime; " +
                    $"a new runtime cannot change it to {wanted} until they are disposed.");
            }

            references++;
            return environment;
        }
    }

    /// <summary>Takes one more reference on the live environment (a session being created).</summary>
    public static void AddReference()
    {
        lock (Gate)
        {
            if (environment is null)
            {
                throw new InvalidOperationException("The ONNX Runtime environment has been released.");
            }

            references++;
        }
    }

    /// <summary>Drops a reference; the last one releases the native environment.</summary>
    public static void Release()
    {
        lock (Gate)
        {
            if (--references > 0)
            {
                return;
            }

            environment?.Dispose();
            environment = null;
            settings = null;
        }
    }

    private static Ort.OrtEnv Create(EnvironmentSettings wanted)
    {
        if (Ort.OrtEnv.IsCreated)
        {
            throw new InvalidOperationException(
                "ONNX Runtime's environment was already created in this process outside ModelMesh.Onnx (OrtEnv.Instance()); " +
                "its thread pools cannot be configured any more.");
        }

        using var threading = new Ort.OrtThreadingOptions
        {
            GlobalIntraOpNumThreads = wanted.IntraOpThreads,
            GlobalInterOpNumThreads = wanted.InterOpThreads,
            GlobalSpinControl = wanted.AllowSpinning,
        };
        var creation = new Ort.EnvironmentCreationOptions
        {
            logId = wanted.LogId,
            logLevel = (Ort.OrtLoggingLevel)(int)wanted.LogLevel,
            threadOptions = threading,
        };
        try
        {
            return Ort.OrtEnv.CreateInstanceWithOptions(ref creation);
        }
        catch (Ort.OnnxRuntimeException e)
        {
            throw OrtErrors.From(e);
        }
    }

    private sealed record EnvironmentSettings(int IntraOpThreads, int InterOpThreads, bool AllowSpinning, OrtLoggingLevel LogLevel, string LogId)
    {
        public static EnvironmentSettings From(OrtRuntimeOptions options) =>
            new(options.IntraOpThreads, options.InterOpThreads, options.AllowSpinning, options.LogLevel, options.LogId);
    }
}
