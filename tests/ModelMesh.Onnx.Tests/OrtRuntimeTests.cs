using ModelMesh.Onnx.Interop;

namespace ModelMesh.Onnx.Tests;

[Collection(OrtCollection.Name)]
public sealed class OrtRuntimeTests(OrtRuntimeFixture fixture)
{
    [Fact]
    public void Create_WhileAnotherRuntimeIsAlive_ThrowsInvalidOperationException()
    {
        var error = Assert.Throws<InvalidOperationException>(() => OrtRuntime.Create());
        Assert.Contains("one environment per process", error.Message);
        Assert.Same(fixture.Runtime, OrtRuntime.Current);
    }

    [Fact]
    public void Dispose_WhileASessionIsAlive_SessionKeepsWorkingAndANewRuntimeCanBeCreated()
    {
        OrtSession? survivor = null;
        var input = OrtInputTensor.FromBytes("input", TensorElementType.Float, [1, 4], new byte[16]);
        try
        {
            fixture.Replace(old =>
            {
                survivor = old.CreateSession(SampleModels.Build(SampleModels.Mlp));
                old.Dispose();
                Assert.Null(OrtRuntime.Current);
                Assert.Throws<ObjectDisposedException>(() => old.CreateSession(SampleModels.Build(SampleModels.Mlp)));
                Assert.Equal([1L, 3L], survivor.Run([input], ["probabilities"])[0].Shape);
            });

            Assert.Same(fixture.Runtime, OrtRuntime.Current);
            using var fresh = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Mlp));
            Assert.Equal(survivor!.Run([input], ["probabilities"])[0].Data, fresh.Run([input], ["probabilities"])[0].Data);
        }
        finally
        {
            survivor?.Dispose();
        }
    }

    [Fact]
    public void GetOrCreate_WhileARuntimeIsAlive_ReturnsIt() =>
        Assert.Same(fixture.Runtime, OrtRuntime.GetOrCreate(new OrtRuntimeOptions { IntraOpThreads = 1 }));

    [Fact]
    public void Version_LoadedLibrary_Is1300()
    {
        Assert.Equal("1.30.0", fixture.Runtime.Version);
        Assert.StartsWith("ORT Build Info", fixture.Runtime.BuildInfo, StringComparison.Ordinal);
    }

    [Fact]
    public void LibraryPath_DefaultOptions_IsTheCopyBesideTheAssembly() =>
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "libonnxruntime.so.1"), fixture.Runtime.LibraryPath);

    [Fact]
    public void AvailableProviders_CpuLibrary_ContainsCpuProvider() =>
        Assert.Contains("CPUExecutionProvider", fixture.Runtime.AvailableProviders);

    [Fact]
    public void LoadLibrary_ExplicitPathMissing_ThrowsNamingEverySearchPlace()
    {
        var error = Assert.Throws<DllNotFoundException>(() => OrtNativeLibrary.Load("/nonexistent/libonnxruntime.so.1"));
        Assert.Contains("/nonexistent/libonnxruntime.so.1", error.Message);
        Assert.Contains("OrtRuntimeOptions.LibraryPath", error.Message);
        Assert.Contains(OrtNativeLibrary.EnvironmentVariable, error.Message);
        Assert.Contains("base directory", error.Message);
    }

    [Fact]
    public void LoadLibrary_SameLibraryAgain_ReturnsTheLoadedApi() =>
        Assert.Same(fixture.Runtime.Api, OrtNativeLibrary.Load(fixture.Runtime.LibraryPath));
}
