namespace ModelMesh.Onnx.Tests;

/// <summary>Tests that need the process-wide runtime; ORT allows one environment per process, so they share it.</summary>
[CollectionDefinition(Name)]
public sealed class OrtCollection : ICollectionFixture<OrtRuntimeFixture>
{
    public const string Name = "ort";
}
