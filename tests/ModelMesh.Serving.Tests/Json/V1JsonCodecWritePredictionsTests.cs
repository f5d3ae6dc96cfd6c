using ModelMesh.Contracts.Inference;
using Grpc.Core;
using ModelMesh.Serving.Json;
using static ModelMesh.Serving.Tests.Json.InferResponses;
using static ModelMesh.Serving.Tests.Json.JsonTestSupport;

namespace ModelMesh.Serving.Tests.Json;

public class V1JsonCodecWritePredictionsTests
{
    [Fact]
    public void WritePredictions_OneRankTwoOutput_WritesOneRowPerBatchEntry()
    {
        var response = WithRaw((Output("probs", "FP32", 2, 3), Floats(0.1f, 0.2f, 0.7f, 1, 0, float.NaN)));

        string json = WriteJson(w => V1JsonCodec.WritePredictions(w, response));

        Assert.Equal("""{"predictions":[[0.1,0.2,0.7],[1,0,"NaN"]]}""", json);
    }

    [Fact]
    public void WritePredictions_OneRankOneOutput_WritesScalars()
    {
        var response = WithRaw((Output("label", "INT64", 3), Int64s(7, -1, 2)));

        Assert.Equal("""{"predictions":[7,-1,2]}""", WriteJson(w => V1JsonCodec.WritePredictions(w, response)));
    }

    [Fact]
    public void WritePredictions_RankThreeOutput_NestsEachRow()
    {
        var response = WithRaw((Output("y", "FP32", 2, 2, 2), Floats(1, 2, 3, 4, 5, 6, 7, 8)));

        Assert.Equal("""{"predictions":[[[1,2],[3,4]],[[5,6],[7,8]]]}""", WriteJson(w => V1JsonCodec.WritePredictions(w, response)));
    }

    [Fact]
    public void WritePredictions_TwoOutputs_WritesOneObjectPerRow()
    {
        var response = WithRaw(
            (Output("label", "INT64", 2), Int64s(3, 1)),
            (Output("probs", "FP32", 2, 2), Floats(0.25f, 0.75f, 1, 0)));

        string json = WriteJson(w => V1JsonCodec.WritePredictions(w, response));

        Assert.Equal("""{"predictions":[{"label":3,"probs":[0.25,0.75]},{"label":1,"probs":[1,0]}]}""", json);
    }

    [Fact]
    public void WritePredictions_TypedContents_WritesRows()
    {
        var output = Output("y", "INT32", 2, 2);
        output.Contents = new InferTensorContents { IntContents = { 1, 2, 3, 4 } };
        var response = new ModelInferResponse { ModelName = "m", Outputs = { output } };

        Assert.Equal("""{"predictions":[[1,2],[3,4]]}""", WriteJson(w => V1JsonCodec.WritePredictions(w, response)));
    }

    [Fact]
    public void WritePredictions_BytesOutput_WritesStringsAndB64ObjectsForBinary()
    {
        var response = WithRaw((Output("s", "BYTES", 2), LengthPrefixed([[0x68, 0x69], [0xFF]])));

        Assert.Equal("""{"predictions":["hi",{"b64":"/w=="}]}""", WriteJson(w => V1JsonCodec.WritePredictions(w, response)));
    }

    [Fact]
    public void WritePredictions_ScalarOutput_WritesOnePrediction()
    {
        var response = WithRaw((Output("score", "FP32"), Floats(0.5f)));

        Assert.Equal("""{"predictions":[0.5]}""", WriteJson(w => V1JsonCodec.WritePredictions(w, response)));
    }

    [Fact]
    public void WritePredictions_NoOutputs_WritesEmptyPredictions()
    {
        Assert.Equal("""{"predictions":[]}""", WriteJson(w => V1JsonCodec.WritePredictions(w, new ModelInferResponse())));
    }

    [Fact]
    public void WritePredictions_DifferentBatchSizes_ThrowsInternal()
    {
        var response = WithRaw(
            (Output("a", "INT64", 2), Int64s(1, 2)),
            (Output("b", "INT64", 3), Int64s(1, 2, 3)));

        AssertServingError(StatusCode.Internal, () => WriteJson(w => V1JsonCodec.WritePredictions(w, response)), "output 'b'", "output 'a'");
    }

    [Fact]
    public void WritePredictions_RoundTripFromInstances_ReproducesRows()
    {
        var request = V1JsonCodec.ReadPredict(Utf8("""{"instances":[[[1,2],[3,4]],[[5,6],[7,8]]]}"""), "m", null, new V1InputSpec("x", "UINT16", [-1, 2, 2]));
        var output = Output("x", "UINT16");
        output.Shape.Add(request.Inputs[0].Shape);
        var response = new ModelInferResponse { ModelName = "m", Outputs = { output }, RawOutputContents = { request.RawInputContents[0] } };

        Assert.Equal("""{"predictions":[[[1,2],[3,4]],[[5,6],[7,8]]]}""", WriteJson(w => V1JsonCodec.WritePredictions(w, response)));
    }
}
