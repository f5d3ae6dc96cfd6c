using ModelMesh.Contracts.Inference;
using ModelMesh.Onnx;
using ModelMesh.Serving.Statistics;

namespace ModelMesh.Serving.Tests.Statistics;

public sealed class InferenceCountTests
{
    private static readonly ModelSignature Batching = new([new OrtTensorInfo("x", TensorElementType.Float, [-1, 4])], []);
    private static readonly ModelSignature Fixed = new([new OrtTensorInfo("x", TensorElementType.Float, [2, 4])], []);

    [Theory]
    [InlineData(1, 1UL)]
    [InlineData(64, 64UL)]
    public void Of_VariableLeadingDimension_CountsEachBatchElement(long rows, ulong expected) =>
        Assert.Equal(expected, InferenceCount.Of(Request("x", rows, 4), Batching));

    [Fact]
    public void Of_FixedLeadingDimension_CountsOne() =>
        Assert.Equal(1UL, InferenceCount.Of(Request("x", 2, 4), Fixed));

    [Fact]
    public void Of_InputTheModelDoesNotHaveOrNoInputs_CountsOne()
    {
        Assert.Equal(1UL, InferenceCount.Of(Request("other", 8, 4), Batching));
        Assert.Equal(1UL, InferenceCount.Of(new ModelInferRequest { ModelName = "m" }, Batching));
    }

    private static ModelInferRequest Request(string input, params long[] shape)
    {
        var request = new ModelInferRequest { ModelName = "m" };
        request.Inputs.Add(new ModelInferRequest.Types.InferInputTensor { Name = input, Datatype = "FP32", Shape = { shape } });
        return request;
    }
}
