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
    public void Version_LoadedLibrary_IsThePackagesVersion() =>
        Assert.Equal("1.32.0", fixture.Runtime.Version);

    [Fact]
    public void AvailableProviders_CpuLibrary_ContainsCpuProvider() =>
        Assert.Contains("CPUExecutionProvider", fixture.Runtime.AvailableProviders);

    [Fact]
    public void Create_AfterDisposeWhileSessionsHoldTheEnvironmentWithOtherThreads_ThrowsInvalidOperationException()
    {
        OrtSession? survivor = null;
        try
        {
            fixture.Replace(old =>
            {
                survivor = old.CreateSession(SampleModels.Build(SampleModels.Mlp));
                old.Dispose();
                var error = Assert.Throws<InvalidOperationException>(() => OrtRuntime.Create(new OrtRuntimeOptions { IntraOpThreads = 1 }));
                Assert.Contains("still held by sessions", error.Message);
                Assert.Null(OrtRuntime.Current);
            });
        }
        finally
        {
            survivor?.Dispose();
        }
    }
}
