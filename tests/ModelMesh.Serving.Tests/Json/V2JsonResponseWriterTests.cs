using System.Buffers.Binary;
using System.Text.Json;
using Google.Protobuf;
using ModelMesh.Contracts.Inference;
using Grpc.Core;
using ModelMesh.Serving.Json;
using static ModelMesh.Serving.Tests.Json.InferResponses;
using static ModelMesh.Serving.Tests.Json.JsonTestSupport;

namespace ModelMesh.Serving.Tests.Json;

public class V2JsonResponseWriterTests
{
    public static TheoryData<string, byte[], string> RawCases() => new()
    {
        { "BOOL", [1, 0, 2], "[true,false,true]" },
        { "UINT8", [0, 255, 7], "[0,255,7]" },
        { "INT8", [0x80, 0x7F, 0xFF], "[-128,127,-1]" },
        { "UINT16", [0xFF, 0xFF, 0x02, 0x01, 0, 0], "[65535,258,0]" },
        { "INT16", [0x00, 0x80, 0xFE, 0xFF, 1, 0], "[-32768,-2,1]" },
        { "UINT32", [0xFF, 0xFF, 0xFF, 0xFF, 4, 3, 2, 1, 0, 0, 0, 0], "[4294967295,16909060,0]" },
        { "INT32", [0, 0, 0, 0x80, 0xF9, 0xFF, 0xFF, 0xFF, 3, 0, 0, 0], "[-2147483648,-7,3]" },
        { "UINT64", [.. Le(ulong.MaxValue), .. Le(5UL), .. Le(0UL)], "[18446744073709551615,5,0]" },
        { "INT64", Int64s(long.MinValue, -1, 42), "[-9223372036854775808,-1,42]" },
        { "FP16", [.. LeHalf((Half)0.1f), .. LeHalf((Half)(-2.5f)), .. LeHalf(Half.MaxValue)], "[0.099975586,-2.5,65504]" },
        { "BF16", [0x80, 0x3F, 0x49, 0x40, 0x00, 0xC0], "[1,3.140625,-2]" },
        { "FP32", Floats(0.1f, -1.5f, 3e38f), "[0.1,-1.5,3E+38]" },
        { "FP64", [.. LeDouble(0.1), .. LeDouble(-1e300), .. LeDouble(5e-324)], "[0.1,-1E+300,5E-324]" },
    };

    [Theory]
    [MemberData(nameof(RawCases))]
    public void Write_RawOutput_WritesFlatJsonValues(string datatype, byte[] raw, string expectedData)
    {
        var response = WithRaw((Output("y", datatype, 3), raw));

        string json = WriteJson(w => V2JsonResponseWriter.Write(w, response));

        Assert.Equal($$"""{"model_name":"m","outputs":[{"name":"y","datatype":"{{datatype}}","shape":[3],"data":{{expectedData}}}]}""", json);
    }

    [Fact]
    public void Write_FloatNonFinite_WritesStrings()
    {
        var response = WithRaw(
            (Output("f32", "FP32", 3), Floats(float.NaN, float.PositiveInfinity, float.NegativeInfinity)),
            (Output("f16", "FP16", 2), [.. LeHalf(Half.NaN), .. LeHalf(Half.NegativeInfinity)]),
            (Output("bf16", "BF16", 1), [0x80, 0x7F]),
            (Output("f64", "FP64", 1), LeDouble(double.NaN)));

        using var doc = WriteDocument(w => V2JsonResponseWriter.Write(w, response));

        var outputs = doc.RootElement.GetProperty("outputs");
        Assert.Equal("[\"NaN\",\"Infinity\",\"-Infinity\"]", outputs[0].GetProperty("data").GetRawText());
        Assert.Equal("[\"NaN\",\"-Infinity\"]", outputs[1].GetProperty("data").GetRawText());
        Assert.Equal("[\"Infinity\"]", outputs[2].GetProperty("data").GetRawText());
        Assert.Equal("[\"NaN\"]", outputs[3].GetProperty("data").GetRawText());
    }

    [Fact]
    public void Write_BytesUtf8_WritesStrings()
    {
        string[] values = ["héllo", "日本語", "🙂", ""];
        var response = WithRaw((Output("s", "BYTES", 2, 2), LengthPrefixed(values)));

        using var doc = WriteDocument(w => V2JsonResponseWriter.Write(w, response));

        var output = doc.RootElement.GetProperty("outputs")[0];
        Assert.Equal(values, output.GetProperty("data").EnumerateArray().Select(e => e.GetString()));
        Assert.False(output.TryGetProperty("parameters", out _));
    }

    [Fact]
    public void Write_BytesNotUtf8_WritesBase64AndMarksOutput()
    {
        byte[][] values = [[0xFF, 0xFE, 0x00], "ok"u8.ToArray()];
        var response = WithRaw((Output("b", "BYTES", 2), LengthPrefixed(values)));

        using var doc = WriteDocument(w => V2JsonResponseWriter.Write(w, response));

        var output = doc.RootElement.GetProperty("outputs")[0];
        Assert.Equal("base64", output.GetProperty("parameters").GetProperty("binary_data_encoding").GetString());
        Assert.Equal(values, output.GetProperty("data").EnumerateArray().Select(e => e.GetBytesFromBase64()));
    }

    [Fact]
    public void Write_TypedContents_WritesValues()
    {
        var response = new ModelInferResponse { ModelName = "m", ModelVersion = "2", Id = "abc" };
        response.Parameters["sequence_end"] = new InferParameter { BoolParam = true };
        var ints = Output("i", "INT16", 2);
        ints.Contents = new InferTensorContents { IntContents = { -5, 7 } };
        var floats = Output("f", "FP32", 2);
        floats.Contents = new InferTensorContents { Fp32Contents = { 0.5f, float.NaN } };
        var strings = Output("s", "BYTES", 1);
        strings.Contents = new InferTensorContents { BytesContents = { ByteString.CopyFromUtf8("é") } };
        var flags = Output("b", "BOOL", 2);
        flags.Contents = new InferTensorContents { BoolContents = { true, false } };
        var unsigned = Output("u", "UINT64", 1);
        unsigned.Contents = new InferTensorContents { Uint64Contents = { ulong.MaxValue } };
        response.Outputs.Add([ints, floats, strings, flags, unsigned]);

        string json = WriteJson(w => V2JsonResponseWriter.Write(w, response));

        Assert.Equal(
            """{"model_name":"m","model_version":"2","id":"abc","parameters":{"sequence_end":true},"outputs":[""" +
            """{"name":"i","datatype":"INT16","shape":[2],"data":[-5,7]},""" +
            """{"name":"f","datatype":"FP32","shape":[2],"data":[0.5,"NaN"]},""" +
            """{"name":"s","datatype":"BYTES","shape":[1],"data":["\u00E9"]},""" +
            """{"name":"b","datatype":"BOOL","shape":[2],"data":[true,false]},""" +
            """{"name":"u","datatype":"UINT64","shape":[1],"data":[18446744073709551615]}]}""",
            json);
    }

    [Fact]
    public void Write_OutputParameters_AreWritten()
    {
        var output = Output("y", "INT64", 1);
        output.Parameters["classification"] = new InferParameter { Int64Param = 3 };
        output.Parameters["score"] = new InferParameter { DoubleParam = double.PositiveInfinity };
        var response = WithRaw((output, Int64s(9)));

        using var doc = WriteDocument(w => V2JsonResponseWriter.Write(w, response));

        var parameters = doc.RootElement.GetProperty("outputs")[0].GetProperty("parameters");
        Assert.Equal(3, parameters.GetProperty("classification").GetInt64());
        Assert.Equal("Infinity", parameters.GetProperty("score").GetString());
    }

    [Fact]
    public void Write_MultiDimensionalRaw_WritesFlatData()
    {
        var response = WithRaw((Output("y", "FP32", 2, 1, 2), Floats(1, 2, 3, 4)));

        using var doc = WriteDocument(w => V2JsonResponseWriter.Write(w, response));

        Assert.Equal("[1,2,3,4]", doc.RootElement.GetProperty("outputs")[0].GetProperty("data").GetRawText());
    }

    [Fact]
    public void Write_RawSizeMismatch_ThrowsInternalBeforeWriting()
    {
        var response = WithRaw((Output("y", "FP32", 2, 2), Floats(1, 2, 3)));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer);

        AssertServingError(StatusCode.Internal, () => V2JsonResponseWriter.Write(writer, response), "output 'y'", "[2,2]", "needs 4");
        writer.Flush();
        Assert.Equal(0, buffer.WrittenCount);
    }

    [Fact]
    public void Write_BadBytesLengthPrefix_ThrowsInternal()
    {
        byte[] raw = [10, 0, 0, 0, (byte)'a'];
        var response = WithRaw((Output("s", "BYTES", 1), raw));

        AssertServingError(StatusCode.Internal, () => WriteJson(w => V2JsonResponseWriter.Write(w, response)), "output 's'");
    }

    [Fact]
    public void Write_TypedContentsCountMismatch_ThrowsInternal()
    {
        var output = Output("y", "INT32", 3);
        output.Contents = new InferTensorContents { IntContents = { 1 } };
        var response = new ModelInferResponse { ModelName = "m", Outputs = { output } };

        AssertServingError(StatusCode.Internal, () => WriteJson(w => V2JsonResponseWriter.Write(w, response)), "output 'y'", "1 INT32 elements", "needs 3");
    }

    private static byte[] Le(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] LeHalf(Half value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteHalfLittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] LeDouble(double value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        return bytes;
    }
}
