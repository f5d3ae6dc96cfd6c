namespace ModelMesh.Onnx.Tests;

/// <summary>The one OrtRuntime of the test process, shared by every test class in <see cref="OrtCollection"/>.</summary>
public sealed class OrtRuntimeFixture : IDisposable
{
    public OrtRuntimeFixture()
    {
        Runtime = Create();
    }

    public OrtRuntime Runtime { get; private set; }

    /// <summary>Disposes the runtime (through <paramref name="dispose"/>, which may use it first) and creates a fresh one.</summary>
    public void Replace(Action<OrtRuntime> dispose)
    {
        dispose(Runtime);
        Runtime = Create();
    }

    public void Dispose() => Runtime.Dispose();

    private static OrtRuntime Create() => OrtRuntime.Create(new OrtRuntimeOptions { IntraOpThreads = 2 });
}
