using ModelMesh.Onnx.Tests.Reference;

namespace ModelMesh.Onnx.Tests;

[Collection(OrtCollection.Name)]
public sealed class SimpleModelTests(OrtRuntimeFixture fixture)
{
    [Fact]
    public void Run_TwoIntegerInputs_ReturnsExactSumAndDifference()
    {
        using var session = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Simple));
        const int Batch = 3;
        var random = new Random(7);
        var a = Enumerable.Range(0, Batch * 16).Select(_ => random.Next(-100_000, 100_000)).ToArray();
        var b = Enumerable.Range(0, Batch * 16).Select(_ => random.Next(-100_000, 100_000)).ToArray();
        a[0] = int.MaxValue;
        b[0] = 1;

        var outputs = session.Run(
            [
                OrtInputTensor.FromBytes("INPUT0", TensorElementType.Int32, [Batch, 16], TensorBytes.Of(a)),
                OrtInputTensor.FromBytes("INPUT1", TensorElementType.Int32, [Batch, 16], TensorBytes.Of(b)),
            ],
            ["OUTPUT1", "OUTPUT0"]);

        Assert.Equal(["OUTPUT1", "OUTPUT0"], outputs.Select(o => o.Name));
        Assert.All(outputs, o => Assert.Equal([Batch, 16L], o.Shape));
        Assert.Equal(a.Zip(b, (x, y) => unchecked(x - y)), TensorBytes.To<int>(outputs[0].Data));
        Assert.Equal(a.Zip(b, (x, y) => unchecked(x + y)), TensorBytes.To<int>(outputs[1].Data));
    }

    [Fact]
    public void Run_EmptyBatch_ReturnsEmptyOutputs()
    {
        using var session = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Simple));

        var outputs = session.Run(
            [
                OrtInputTensor.FromBytes("INPUT0", TensorElementType.Int32, [0, 16], ReadOnlyMemory<byte>.Empty),
                OrtInputTensor.FromBytes("INPUT1", TensorElementType.Int32, [0, 16], ReadOnlyMemory<byte>.Empty),
            ],
            ["OUTPUT0"]);

        Assert.Equal([0L, 16L], outputs[0].Shape);
        Assert.Empty(outputs[0].Data);
    }
}
