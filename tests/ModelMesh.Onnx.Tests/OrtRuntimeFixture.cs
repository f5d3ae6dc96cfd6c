namespace ModelMesh.Onnx.Tests;

/// <summary>The one OrtRuntime of the test process, shared by every test class in <see cref="OrtCollection"/>.</summary>
public sealed class OrtRuntimeFixture : IDisposable
{
    public OrtRuntimeFixture()
    {
        Runtime = OrtRuntime.Create(new OrtRuntimeOptions { IntraOpThreads = 2 });
    }

    public OrtRuntime Runtime { get; }

    public void Dispose() => Runtime.Dispose();
}
