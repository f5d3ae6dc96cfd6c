using ModelMesh.Onnx.Tests.Reference;

namespace ModelMesh.Onnx.Tests;

[Collection(OrtCollection.Name)]
public sealed class MlpModelTests(OrtRuntimeFixture fixture)
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public void Run_RandomBatch_MatchesReferenceWithin1e4(int batch)
    {
        using var session = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Mlp));
        var input = TensorBytes.RandomFloats(batch, batch * 4, 3f);

        var output = session.Run([OrtInputTensor.FromBytes("input", TensorElementType.Float, [batch, 4], TensorBytes.Of(input))], ["probabilities"]);

        var result = Assert.Single(output);
        Assert.Equal(("probabilities", TensorElementType.Float), (result.Name, result.ElementType));
        Assert.Equal([batch, 3L], result.Shape);
        var actual = TensorBytes.To<float>(result.Data);
        var expected = MlpReference.Compute(input, batch, SampleModels.MlpWeights());
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4, $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    [Fact]
    public void Run_GraphOptimizationDisabled_GivesSameProbabilities()
    {
        var input = TensorBytes.Of(TensorBytes.RandomFloats(5, 8));
        using var optimized = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Mlp));
        using var plain = fixture.Runtime.CreateSession(
            SampleModels.Build(SampleModels.Mlp), new OrtSessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.DisableAll });
        OrtInputTensor[] inputs = [OrtInputTensor.FromBytes("input", TensorElementType.Float, [2, 4], input)];

        var a = TensorBytes.To<float>(optimized.Run(inputs, ["probabilities"])[0].Data);
        var b = TensorBytes.To<float>(plain.Run(inputs, ["probabilities"])[0].Data);

        Assert.Equal(a, b, (x, y) => Math.Abs(x - y) <= 1e-6);
    }

    [Fact]
    public void Run_ManyThreadsOnOneSession_EveryResultMatchesReference()
    {
        using var session = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Mlp));
        var weights = SampleModels.MlpWeights();
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var input = TensorBytes.RandomFloats(1000 + i, 12);
            var output = session.Run([OrtInputTensor.FromBytes("input", TensorElementType.Float, [3, 4], TensorBytes.Of(input))], ["probabilities"]);
            var expected = MlpReference.Compute(input, 3, weights);
            Assert.Equal(expected, TensorBytes.To<float>(output[0].Data), (x, y) => Math.Abs(x - y) <= 1e-4);
        });
    }
}
