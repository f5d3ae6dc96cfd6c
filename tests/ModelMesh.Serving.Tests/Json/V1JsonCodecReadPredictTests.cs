using System.Buffers.Binary;
using ModelMesh.Contracts.Inference;
using ModelMesh.Serving.Json;
using static ModelMesh.Serving.Tests.Json.JsonTestSupport;

namespace ModelMesh.Serving.Tests.Json;

public class V1JsonCodecReadPredictTests
{
    private static readonly V1InputSpec Vector4 = new("x", "FP32", [-1, 4]);
    private static readonly V1InputSpec Matrix2x2 = new("img", "INT32", [-1, 2, 2]);

    [Fact]
    public void ReadPredict_RowsOfFourFloats_BuildsBatchedInput()
    {
        var request = V1JsonCodec.ReadPredict(Utf8("""{"instances": [[1.0, 2.0, 3.0, 4.0], [5, 6, 7, 8], [9, 10, 11, "NaN"]]}"""), "m", "1", Vector4);

        Assert.Equal("m", request.ModelName);
        Assert.Equal("1", request.ModelVersion);
        var input = Assert.Single(request.Inputs);
        Assert.Equal("x", input.Name);
        Assert.Equal("FP32", input.Datatype);
        Assert.Equal([3L, 4L], input.Shape);
        float[] values = Floats(request);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f], values[..11]);
        Assert.True(float.IsNaN(values[11]));
    }

    [Fact]
    public void ReadPredict_RowsOfTwoByTwo_BuildsRankThreeInput()
    {
        var request = V1JsonCodec.ReadPredict(Utf8("""{"instances": [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]}"""), "m", null, Matrix2x2);

        Assert.Equal([2L, 2L, 2L], request.Inputs[0].Shape);
        var raw = request.RawInputContents[0].Span;
        Assert.Equal(32, raw.Length);
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(i + 1, BinaryPrimitives.ReadInt32LittleEndian(raw[(i * 4)..]));
        }
    }

    [Fact]
    public void ReadPredict_VariableNonBatchDims_TakesThemFromData()
    {
        var spec = new V1InputSpec("x", "INT64", [-1, -1, 3]);

        var request = V1JsonCodec.ReadPredict(Utf8("""{"instances": [[[1, 2, 3], [4, 5, 6]]]}"""), "m", null, spec);

        Assert.Equal([1L, 2L, 3L], request.Inputs[0].Shape);
        Assert.Equal(48, request.RawInputContents[0].Length);
    }

    [Fact]
    public void ReadPredict_RankOneInput_TakesScalarInstances()
    {
        var request = V1JsonCodec.ReadPredict(Utf8("""{"instances": [1, 2, 3]}"""), "m", null, new V1InputSpec("x", "INT8", [-1]));

        Assert.Equal([3L], request.Inputs[0].Shape);
        Assert.Equal([1, 2, 3], request.RawInputContents[0].ToByteArray());
    }

    [Fact]
    public void ReadPredict_NamedInstances_ReadsTheNamedRow()
    {
        var request = V1JsonCodec.ReadPredict(Utf8("""{"signature_name": "serving_default", "instances": [{"x": [1, 2, 3, 4]}, {"x": [5, 6, 7, 8]}]}"""), "m", null, Vector4);

        Assert.Equal([2L, 4L], request.Inputs[0].Shape);
        Assert.Equal(8f, Floats(request)[7]);
    }

    [Fact]
    public void ReadPredict_ColumnarInputs_ReadsWholeTensor()
    {
        var plain = V1JsonCodec.ReadPredict(Utf8("""{"inputs": [[1, 2, 3, 4], [5, 6, 7, 8]]}"""), "m", null, Vector4);
        var named = V1JsonCodec.ReadPredict(Utf8("""{"inputs": {"x": [[1, 2, 3, 4], [5, 6, 7, 8]]}}"""), "m", null, Vector4);

        Assert.Equal([2L, 4L], plain.Inputs[0].Shape);
        Assert.Equal(plain.RawInputContents[0], named.RawInputContents[0]);
        Assert.Equal(named.Inputs[0].Shape, plain.Inputs[0].Shape);
    }

    [Fact]
    public void ReadPredict_BytesInstances_EncodesLengthPrefixedStrings()
    {
        var request = V1JsonCodec.ReadPredict(Utf8("""{"instances": ["a", "ü"]}"""), "m", null, new V1InputSpec("text", "BYTES", [-1]));

        Assert.Equal([2L], request.Inputs[0].Shape);
        Assert.Equal([1, 0, 0, 0, (byte)'a', 2, 0, 0, 0, 0xC3, 0xBC], request.RawInputContents[0].ToByteArray());
    }

    [Fact]
    public void ReadPredict_RaggedRows_ReportsInstanceIndex()
    {
        AssertInvalid(
            () => V1JsonCodec.ReadPredict(Utf8("""{"instances": [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11]]}"""), "m", null, Vector4),
            "input 'x'", "instance 2", "3 elements in dimension 1", "expected 4");
    }

    [Fact]
    public void ReadPredict_RaggedInnerRows_ReportsInstanceAndDimension()
    {
        var spec = new V1InputSpec("x", "FP32", [-1, -1, -1]);

        AssertInvalid(
            () => V1JsonCodec.ReadPredict(Utf8("""{"instances": [[[1, 2], [3, 4]], [[5, 6], [7]]]}"""), "m", null, spec),
            "input 'x'", "instance 1", "1 elements in dimension 2", "expected 2");
    }

    [Fact]
    public void ReadPredict_RowsShallowerThanInput_ReportsInstance()
    {
        AssertInvalid(
            () => V1JsonCodec.ReadPredict(Utf8("""{"instances": [[[1, 2], [3, 4]], [5, 6, 7, 8]]}"""), "m", null, Matrix2x2),
            "input 'img'", "instance 1", "needs an array");
    }

    [Fact]
    public void ReadPredict_RowsDeeperThanInput_ReportsInstance()
    {
        AssertInvalid(
            () => V1JsonCodec.ReadPredict(Utf8("""{"instances": [[[1, 2, 3, 4]]]}"""), "m", null, Vector4),
            "input 'x'", "instance 0", "nested deeper");
    }

    [Theory]
    [InlineData("""{"instances": []}""", "'instances' is empty")]
    [InlineData("""{"signature_name": "x"}""", "no 'instances'")]
    [InlineData("""{"instances": {"x": 1}}""", "'instances' must be an array")]
    [InlineData("""{"instances": [[1, 2, 3, 4]], "inputs": [[1, 2, 3, 4]]}""", "not both")]
    [InlineData("""{"instances": [{"y": [1, 2, 3, 4]}]}""", "names input 'y'")]
    [InlineData("""{"instances": [{"x": [1, 2, 3, 4], "z": 1}]}""", "names input 'z'")]
    [InlineData("""{"instances": [{}]}""", "without 'x'")]
    [InlineData("""{"inputs": []}""", "'inputs' is empty")]
    [InlineData("""{"inputs": [[1, 2, 3]]}""", "'inputs' has 3 elements in dimension 1")]
    [InlineData("""{"instances": [[1, 2, 3, 300000000000000000000000000000000000000000]]}""", "out of range for FP32")]
    [InlineData("""{"instances": [[1, 2, 3, true]]}""", "element 3")]
    [InlineData("""[1]""", "must be a JSON object")]
    [InlineData("""{"instances": [[1, 2, 3, 4]""", "malformed JSON")]
    public void ReadPredict_BadBody_ReportsInputAndProblem(string json, string expected)
    {
        AssertInvalid(() => V1JsonCodec.ReadPredict(Utf8(json), "m", null, Vector4), "input 'x'", expected);
    }

    [Fact]
    public void ReadPredict_FixedBatchMismatch_ReportsBatch()
    {
        var spec = new V1InputSpec("x", "FP32", [1, 2]);

        AssertInvalid(() => V1JsonCodec.ReadPredict(Utf8("""{"instances": [[1, 2], [3, 4]]}"""), "m", null, spec), "input 'x'", "batch of 1", "got 2 instances");
    }

    [Fact]
    public void ReadPredict_UnknownDatatype_ReportsInput()
    {
        AssertInvalid(() => V1JsonCodec.ReadPredict(Utf8("""{"instances": [1]}"""), "m", null, new V1InputSpec("x", "COMPLEX64", [-1])), "input 'x'", "unknown datatype 'COMPLEX64'");
    }

    [Fact]
    public void ReadPredict_ScalarInput_ReportsNoBatchDimension()
    {
        AssertInvalid(() => V1JsonCodec.ReadPredict(Utf8("""{"instances": [1]}"""), "m", null, new V1InputSpec("x", "FP32", [])), "input 'x'", "no batch dimension");
    }

    private static float[] Floats(ModelInferRequest request)
    {
        var raw = request.RawInputContents[0].Span;
        var values = new float[raw.Length / 4];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * 4)..]);
        }

        return values;
    }
}
