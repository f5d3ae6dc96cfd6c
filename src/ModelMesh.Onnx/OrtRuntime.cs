using Ort = Microsoft.ML.OnnxRuntime;

namespace ModelMesh.Onnx;

/// <summary>
/// The process-wide ONNX Runtime: its single environment, whose global intra-/inter-op thread pools every
/// session shares (sessions never get threads of their own, so thousands of loaded models do not mean
/// thousands of threads). Only one may be alive at a time.
/// </summary>
public sealed class OrtRuntime : IDisposable
{
    private static readonly Lock Gate = new();
    private static OrtRuntime? current;

    private int disposed;

    private OrtRuntime(Ort.OrtEnv environment, OrtRuntimeOptions options)
    {
        Options = options;
        Version = environment.GetVersionString();
        AvailableProviders = environment.GetAvailableProviders();
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

    /// <summary>ORT's version string, e.g. "1.32.0".</summary>
    public string Version { get; }

    /// <summary>
    /// Providers compiled into the native library, e.g. "CPUExecutionProvider". A provider listed here may still
    /// fail to load: the GPU build lists CUDA on machines without CUDA, so this says nothing about a GPU.
    /// </summary>
    public IReadOnlyList<string> AvailableProviders { get; }

    /// <summary>The options this runtime was created with.</summary>
    public OrtRuntimeOptions Options { get; }

    /// <summary>
    /// Creates the environment with global thread pools.
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

            var environment = OrtEnvironment.Acquire(options);
            try
            {
                current = new OrtRuntime(environment, options);
                return current;
            }
            catch
            {
                OrtEnvironment.Release();
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
        return CreateSession(options, nativeOptions => new Ort.InferenceSession(modelPath, nativeOptions));
    }

    /// <summary>Creates a session from model bytes (ORT copies what it needs; the array may be reused afterwards).</summary>
    public OrtSession CreateSession(byte[] modelBytes, OrtSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(modelBytes);
        return CreateSession(options, nativeOptions => new Ort.InferenceSession(modelBytes, nativeOptions));
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

            // Sessions still alive hold their own references; the environment goes after the last one.
            OrtEnvironment.Release();
        }
    }

    private OrtSession CreateSession(OrtSessionOptions? options, Func<Ort.SessionOptions, Ort.InferenceSession> create)
    {
        options ??= new OrtSessionOptions();
        lock (Gate)
        {
            // Checked under the gate so Dispose cannot release the environment between the check and the reference.
            ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
            OrtEnvironment.AddReference();
        }

        try
        {
            using var nativeOptions = options.CreateNative();
            Ort.InferenceSession session;
            try
            {
                session = create(nativeOptions);
            }
            catch (Ort.OnnxRuntimeException e)
            {
                throw OrtErrors.From(e);
            }

            try
            {
                return new OrtSession(session);
            }
            catch
            {
                session.Dispose();
                throw;
            }
        }
        catch
        {
            OrtEnvironment.Release();
            throw;
        }
    }
}
