using ModelMesh.Onnx.Tests.Reference;

namespace ModelMesh.Onnx.Tests;

[Collection(OrtCollection.Name)]
public sealed class Fp16ModelTests(OrtRuntimeFixture fixture)
{
    [Fact]
    public void Run_HalfInputs_ReturnsTwiceXPlusOneRoundedToHalf()
    {
        using var session = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Fp16));
        var x = TensorBytes.RandomFloats(16, 4 * 8, 100f).Select(v => (Half)v).ToArray();
        x[0] = Half.NaN;
        x[1] = Half.PositiveInfinity;
        x[2] = (Half)(-0.5f);

        var output = session.Run([OrtInputTensor.FromBytes("x", TensorElementType.Float16, [4, 8], TensorBytes.Of(x))], ["y"])[0];

        Assert.Equal(TensorElementType.Float16, output.ElementType);
        Assert.Equal([4L, 8L], output.Shape);
        var expected = x.Select(v => (Half)(((float)v * 2f) + 1f)).ToArray();
        Assert.Equal(expected, TensorBytes.To<Half>(output.Data));
        Assert.Equal(Half.Zero, TensorBytes.To<Half>(output.Data)[2]);
    }
}
