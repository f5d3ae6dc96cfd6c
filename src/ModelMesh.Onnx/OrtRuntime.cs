using ModelMesh.Onnx.Interop;

namespace ModelMesh.Onnx;

/// <summary>
/// The process-wide ONNX Runtime: the loaded native library and its single OrtEnv, whose global
/// intra-/inter-op thread pools every session shares (sessions never get threads of their own, so
/// thousands of loaded models do not mean thousands of threads). Only one may be alive at a time.
/// </summary>
public sealed class OrtRuntime : IDisposable
{
    private static readonly Lock Gate = new();
    private static OrtRuntime? current;

    private readonly OrtEnvHandle environment;
    private int disposed;

    private OrtRuntime(OrtApi api, OrtEnvHandle environment, OrtRuntimeOptions options)
    {
        Api = api;
        this.environment = environment;
        Options = options;
        DefaultAllocator = api.GetAllocatorWithDefaultOptions();
        AvailableProviders = api.GetAvailableProviders();
    }

    /// <summary>The runtime alive now, if any.</summary>
    public static OrtRuntime? Current
    {
        get
        {
            lock (Gate)
            {
                return current;
            }
        }
    }

    /// <summary>ORT's version string, e.g. "1.30.0".</summary>
    public string Version => Api.Version;

    /// <summary>Full path of the native library in use.</summary>
    public string LibraryPath => Api.LibraryPath;

    /// <summary>ORT's build description (version, git commit, build type).</summary>
    public string BuildInfo => Api.BuildInfo();

    /// <summary>
    /// Providers compiled into the library, e.g. "CPUExecutionProvider". A provider listed here may still
    /// fail to load when its own shared library is missing (the npm build lists CUDA without shipping it).
    /// </summary>
    public IReadOnlyList<string> AvailableProviders { get; }

    /// <summary>The options this runtime was created with.</summary>
    public OrtRuntimeOptions Options { get; }

    internal OrtApi Api { get; }

    internal OrtMemoryInfoHandle CpuMemoryInfo => Api.CpuMemoryInfo;

    internal nint DefaultAllocator { get; }

    /// <summary>
    /// Loads the native library (once per process) and creates the environment with global thread pools.
    /// Throws <see cref="InvalidOperationException"/> while another runtime is alive.
    /// </summary>
    public static OrtRuntime Create(OrtRuntimeOptions? options = null)
    {
        options ??= new OrtRuntimeOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.IntraOpThreads);
        ArgumentOutOfRangeException.ThrowIfNegative(options.InterOpThreads);
        lock (Gate)
        {
            if (current is not null)
            {
                throw new InvalidOperationException(
                    "An OrtRuntime is already alive in this process; ONNX Runtime allows one environment per process. Share it (OrtRuntime.Current) or dispose it first.");
            }

            var api = OrtNativeLibrary.Load(options.LibraryPath);
            OrtEnvHandle environment;
            using (var threading = api.CreateThreadingOptions())
            {
                api.SetGlobalIntraOpNumThreads(threading, options.IntraOpThreads);
                api.SetGlobalInterOpNumThreads(threading, options.InterOpThreads);
                api.SetGlobalSpinControl(threading, options.AllowSpinning);
                environment = api.CreateEnvWithGlobalThreadPools(options.LogLevel, options.LogId, threading);
            }

            try
            {
                current = new OrtRuntime(api, environment, options);
                return current;
            }
            catch
            {
                environment.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// The runtime alive now, or a new one made with <paramref name="options"/> (ignored when one is alive).
    /// Whoever created the runtime owns it; callers that only borrowed it must not dispose it.
    /// </summary>
    public static OrtRuntime GetOrCreate(OrtRuntimeOptions? options = null)
    {
        lock (Gate)
        {
            return current ?? Create(options);
        }
    }

    /// <summary>Creates a session from a model file.</summary>
    public OrtSession CreateSession(string modelPath, OrtSessionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        return CreateSession(options, (api, env, nativeOptions) => api.CreateSession(env, modelPath, nativeOptions));
    }

    /// <summary>Creates a session from model bytes (ORT copies what it needs; the array may be reused afterwards).</summary>
    public OrtSession CreateSession(byte[] modelBytes, OrtSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(modelBytes);
        return CreateSession(options, (api, env, nativeOptions) => api.CreateSessionFromArray(env, modelBytes, nativeOptions));
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        lock (Gate)
        {
            if (ReferenceEquals(current, this))
            {
                current = null;
            }
        }

        // Sessions still alive hold a reference on the environment; ORT releases it after the last one.
        environment.Dispose();
    }

    private OrtSession CreateSession(OrtSessionOptions? options, Func<OrtApi, OrtEnvHandle, OrtSessionOptionsHandle, nint> create)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        options ??= new OrtSessionOptions();
        using var nativeOptions = options.ToNative(Api);
        var handle = OrtSessionHandle.Create(environment, () => create(Api, environment, nativeOptions));
        try
        {
            return new OrtSession(this, handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
