using System.Buffers.Binary;
using ModelMesh.Contracts.Inference;
using ModelMesh.Serving.Json;
using static ModelMesh.Serving.Tests.Json.JsonTestSupport;

namespace ModelMesh.Serving.Tests.Json;

public class V2JsonRequestReaderTests
{
    [Fact]
    public void Read_FullRequest_SetsModelIdParametersInputsAndOutputs()
    {
        const string json = """
            {
              "id": "req-1",
              "parameters": {"priority": 3, "trace": true, "tag": "a", "ratio": 0.5, "big": 18446744073709551615, "nothing": null},
              "inputs": [
                {"name": "INPUT0", "shape": [1, 2], "datatype": "INT32", "parameters": {"binary_data_size": 8}, "data": [1, 2]},
                {"name": "INPUT1", "shape": [2], "datatype": "FP32", "data": [0.5, -1]}
              ],
              "outputs": [{"name": "OUTPUT0", "parameters": {"binary_data": false}}, {"name": "OUTPUT1"}],
              "unknown_field": {"ignored": [1, 2, {"x": null}]}
            }
            """;

        var request = V2JsonRequestReader.Read(Utf8(json), "my-model", "3");

        Assert.Equal("my-model", request.ModelName);
        Assert.Equal("3", request.ModelVersion);
        Assert.Equal("req-1", request.Id);
        Assert.Equal(3, request.Parameters["priority"].Int64Param);
        Assert.True(request.Parameters["trace"].BoolParam);
        Assert.Equal("a", request.Parameters["tag"].StringParam);
        Assert.Equal(0.5, request.Parameters["ratio"].DoubleParam);
        Assert.Equal(ulong.MaxValue, request.Parameters["big"].Uint64Param);
        Assert.False(request.Parameters.ContainsKey("nothing"));
        Assert.Equal(["INPUT0", "INPUT1"], request.Inputs.Select(i => i.Name));
        Assert.Equal([1L, 2L], request.Inputs[0].Shape);
        Assert.Equal("INT32", request.Inputs[0].Datatype);
        Assert.Equal(8, request.Inputs[0].Parameters["binary_data_size"].Int64Param);
        Assert.Null(request.Inputs[0].Contents);
        Assert.Equal(2, request.RawInputContents.Count);
        Assert.Equal(8, request.RawInputContents[1].Length);
        Assert.Equal(["OUTPUT0", "OUTPUT1"], request.Outputs.Select(o => o.Name));
        Assert.False(request.Outputs[0].Parameters["binary_data"].BoolParam);
    }

    [Fact]
    public void Read_NoVersion_LeavesVersionEmpty()
    {
        var request = V2JsonRequestReader.Read(Utf8("""{"inputs":[]}"""), "m", null);

        Assert.Equal(string.Empty, request.ModelVersion);
        Assert.Empty(request.Inputs);
    }

    [Fact]
    public void Read_NullOptionalFields_AreIgnored()
    {
        var request = V2JsonRequestReader.Read(
            Utf8("""{"id":null,"parameters":null,"outputs":null,"inputs":[{"name":"x","shape":[1],"datatype":"BOOL","parameters":null,"data":[true]}]}"""), "m", null);

        Assert.Equal(string.Empty, request.Id);
        Assert.Empty(request.Parameters);
        Assert.Empty(request.Outputs);
        Assert.Single(request.Inputs);
    }

    [Fact]
    public void Read_NestedData_EqualsFlatData()
    {
        var nested = V2JsonRequestReader.Read(Utf8("""{"inputs":[{"name":"x","shape":[2,2,2],"datatype":"FP32","data":[[[1,2],[3,4]],[[5,6],[7,8]]]}]}"""), "m", null);
        var flat = V2JsonRequestReader.Read(Utf8("""{"inputs":[{"name":"x","shape":[2,2,2],"datatype":"FP32","data":[1,2,3,4,5,6,7,8]}]}"""), "m", null);

        Assert.Equal(flat.RawInputContents[0], nested.RawInputContents[0]);
        Assert.Equal(7f, BinaryPrimitives.ReadSingleLittleEndian(nested.RawInputContents[0].Span[24..]));
    }

    [Fact]
    public void Read_DataBeforeShapeAndDatatype_DecodesData()
    {
        var request = V2JsonRequestReader.Read(Utf8("""{"inputs":[{"data":[[1],[2],[3]],"name":"x","datatype":"INT16","shape":[3,1]}]}"""), "m", null);

        var raw = request.RawInputContents[0].Span;
        Assert.Equal(6, raw.Length);
        Assert.Equal(3, BinaryPrimitives.ReadInt16LittleEndian(raw[4..]));
    }

    [Fact]
    public void Read_ScalarShapeWithBareValue_EncodesOneElement()
    {
        var request = V2JsonRequestReader.Read(Utf8("""{"inputs":[{"name":"x","shape":[],"datatype":"INT64","data":7}]}"""), "m", null);

        Assert.Equal(7L, BinaryPrimitives.ReadInt64LittleEndian(request.RawInputContents[0].Span));
    }

    [Fact]
    public void Read_ZeroSizedShape_EncodesEmptyRaw()
    {
        var request = V2JsonRequestReader.Read(Utf8("""{"inputs":[{"name":"x","shape":[0,4],"datatype":"FP32","data":[]}]}"""), "m", null);

        Assert.True(request.RawInputContents[0].IsEmpty);
    }

    [Fact]
    public void Read_LargeTensor_EncodesEveryElement()
    {
        var values = Enumerable.Range(0, 10_000).Select(i => i * 0.25f).ToArray();
        string json = $$"""{"inputs":[{"name":"x","shape":[100,100],"datatype":"FP32","data":[{{string.Join(",", values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}}]}]}""";

        var raw = V2JsonRequestReader.Read(Utf8(json), "m", null).RawInputContents[0].Span;

        Assert.Equal(40_000, raw.Length);
        Assert.Equal(values[9_999], BinaryPrimitives.ReadSingleLittleEndian(raw[39_996..]));
    }

    [Fact]
    public void Read_ManyBytesElements_GrowsBuffer()
    {
        var strings = Enumerable.Range(0, 500).Select(i => new string('x', i)).ToArray();
        string json = $$"""{"inputs":[{"name":"s","shape":[500],"datatype":"BYTES","data":[{{string.Join(",", strings.Select(s => "\"" + s + "\""))}}]}]}""";

        var raw = V2JsonRequestReader.Read(Utf8(json), "m", null).RawInputContents[0].Span;

        Assert.Equal((500 * 4) + (499 * 500 / 2), raw.Length);
    }

    [Fact]
    public void Read_RoundTripThroughResponseWriter_ReproducesData()
    {
        const string data = "[[1.5,-2.25],[\"NaN\",\"Infinity\"],[\"-Infinity\",0]]";
        var request = V2JsonRequestReader.Read(Utf8($$"""{"inputs":[{"name":"x","shape":[3,2],"datatype":"FP64","data":{{data}}}]}"""), "m", null);
        var response = new ModelInferResponse { ModelName = "m" };
        var output = new ModelInferResponse.Types.InferOutputTensor { Name = "x", Datatype = "FP64" };
        output.Shape.Add(request.Inputs[0].Shape);
        response.Outputs.Add(output);
        response.RawOutputContents.Add(request.RawInputContents[0]);

        string json = WriteJson(w => V2JsonResponseWriter.Write(w, response));

        Assert.Equal("""{"model_name":"m","outputs":[{"name":"x","datatype":"FP64","shape":[3,2],"data":[1.5,-2.25,"NaN","Infinity","-Infinity",0]}]}""", json);
    }
}
