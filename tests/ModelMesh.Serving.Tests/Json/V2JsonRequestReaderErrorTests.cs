using ModelMesh.Serving.Json;
using static ModelMesh.Serving.Tests.Json.JsonTestSupport;

namespace ModelMesh.Serving.Tests.Json;

/// <summary>Bad bodies: every failure is INVALID_ARGUMENT and names the input (or the field) at fault.</summary>
public class V2JsonRequestReaderErrorTests
{
    [Fact]
    public void Read_FewerElementsThanShape_ReportsCountsAndShape()
    {
        string data = "[" + string.Join(",", Enumerable.Range(0, 15)) + "]";

        AssertInvalid(
            () => ReadInput("INPUT0", "[1,16]", "FP32", data),
            "input 'INPUT0': data has 15 elements, shape [1,16] needs 16");
    }

    [Fact]
    public void Read_MoreElementsThanShape_ReportsCounts()
    {
        AssertInvalid(() => ReadInput("x", "[2,2]", "INT32", "[[1,2],[3,4],[5,6]]"), "input 'x'", "6 elements", "[2,2]", "needs 4");
    }

    [Theory]
    [InlineData("INT8", "128", "out of range for INT8")]
    [InlineData("INT8", "-129", "out of range for INT8")]
    [InlineData("UINT8", "256", "out of range for UINT8")]
    [InlineData("UINT8", "-1", "out of range for UINT8")]
    [InlineData("INT16", "32768", "out of range for INT16")]
    [InlineData("UINT16", "65536", "out of range for UINT16")]
    [InlineData("INT32", "2147483648", "out of range for INT32")]
    [InlineData("UINT32", "4294967296", "out of range for UINT32")]
    [InlineData("INT64", "9223372036854775808", "out of range for INT64")]
    [InlineData("UINT64", "18446744073709551616", "out of range for UINT64")]
    [InlineData("UINT64", "-5", "out of range for UINT64")]
    [InlineData("FP32", "1e39", "out of range for FP32")]
    [InlineData("FP64", "1e309", "out of range for FP64")]
    [InlineData("FP16", "70000", "out of range for FP16")]
    [InlineData("BF16", "1e39", "out of range for BF16")]
    public void Read_ValueOutOfRange_ReportsInputElementAndType(string datatype, string value, string expected)
    {
        AssertInvalid(() => ReadInput("in", "[2]", datatype, $"[0, {value}]"), "input 'in'", "element 1", value, expected);
    }

    [Theory]
    [InlineData("INT32", "[0, 1.5]", "an integer (INT32)")]
    [InlineData("INT32", "[0, \"3\"]", "an integer (INT32)")]
    [InlineData("BOOL", "[true, 2]", "(BOOL)")]
    [InlineData("BOOL", "[true, \"true\"]", "(BOOL)")]
    [InlineData("FP32", "[0, \"fast\"]", "\"NaN\"")]
    [InlineData("FP32", "[0, true]", "(FP32)")]
    [InlineData("BYTES", "[\"a\", 12]", "a string (BYTES)")]
    [InlineData("FP64", "[0, null]", "FP64")]
    [InlineData("INT64", "[0, {\"v\":1}]", "INT64")]
    public void Read_WrongValueKind_ReportsInputElementAndExpected(string datatype, string data, string expected)
    {
        AssertInvalid(() => ReadInput("in", "[2]", datatype, data), "input 'in'", "element 1", expected);
    }

    [Fact]
    public void Read_UnknownDatatype_ReportsInputAndDatatype()
    {
        AssertInvalid(() => ReadInput("x", "[1]", "FP8", "[1]"), "input 'x'", "unknown datatype 'FP8'");
    }

    [Fact]
    public void Read_NegativeDimension_ReportsInputAndShape()
    {
        AssertInvalid(() => ReadInput("x", "[-1,2]", "FP32", "[1,2]"), "input 'x'", "shape [-1,2]", "negative");
    }

    [Fact]
    public void Read_OverflowingShape_ReportsInput()
    {
        AssertInvalid(() => ReadInput("x", "[4294967296,4294967296]", "FP32", "[1]"), "input 'x'", "too many elements");
    }

    [Fact]
    public void Read_NonIntegerShape_ReportsInput()
    {
        AssertInvalid(() => ReadInput("x", "[1.5]", "FP32", "[1]"), "input 'x'", "'shape' must be an array of integers");
    }

    [Theory]
    [InlineData("""{"shape":[1],"datatype":"FP32","data":[1]}""", "inputs[0]: missing 'name'")]
    [InlineData("""{"name":"x","datatype":"FP32","data":[1]}""", "input 'x': missing 'shape'")]
    [InlineData("""{"name":"x","shape":[1],"data":[1]}""", "input 'x': missing 'datatype'")]
    [InlineData("""{"name":"x","shape":[1],"datatype":"FP32"}""", "input 'x': missing 'data'")]
    [InlineData("""{"name":7,"shape":[1],"datatype":"FP32","data":[1]}""", "inputs[0]: 'name' must be a string")]
    [InlineData("""{"name":"x","shape":[1],"datatype":5,"data":[1]}""", "input 'x': 'datatype' must be a string")]
    [InlineData("""{"name":"x","shape":3,"datatype":"FP32","data":[1]}""", "input 'x': 'shape' must be an array")]
    [InlineData("""{"name":"x","shape":[1],"datatype":"FP32","data":[1],"parameters":[1]}""", "input 'x': 'parameters' must be an object")]
    [InlineData("""{"name":"x","shape":[1],"datatype":"FP32","data":[1],"parameters":{"p":[1]}}""", "input 'x': parameter 'p' must be a bool, number or string")]
    [InlineData("[1]", "inputs[0] must be an object")]
    public void Read_MalformedInput_ReportsWhichInputAndField(string input, string expected)
    {
        AssertInvalid(() => V2JsonRequestReader.Read(Utf8($$"""{"inputs":[{{input}}]}"""), "m", null), expected);
    }

    [Fact]
    public void Read_SecondInputMissingName_ReportsPosition()
    {
        AssertInvalid(
            () => V2JsonRequestReader.Read(Utf8("""{"inputs":[{"name":"a","shape":[1],"datatype":"FP32","data":[1]},{"shape":[1]}]}"""), "m", null),
            "inputs[1]: missing 'name'");
    }

    [Theory]
    [InlineData("""{"outputs":[]}""", "no 'inputs'")]
    [InlineData("""{"inputs":{"name":"x"}}""", "'inputs' must be an array")]
    [InlineData("""{"inputs":[],"outputs":[{"parameters":{}}]}""", "outputs[0]: missing 'name'")]
    [InlineData("""{"inputs":[],"outputs":{}}""", "'outputs' must be an array")]
    [InlineData("""{"inputs":[],"id":5}""", "'id' must be a string")]
    [InlineData("""{"inputs":[],"parameters":{"p":{}}}""", "request: parameter 'p'")]
    [InlineData("""[1,2]""", "must be a JSON object")]
    public void Read_MalformedRequest_ReportsField(string json, string expected)
    {
        AssertInvalid(() => V2JsonRequestReader.Read(Utf8(json), "m", null), expected);
    }

    [Theory]
    [InlineData("""{"inputs":[{"name":"x","shape":[1],"datatype":"FP32","data":[1]""")]
    [InlineData("""{"inputs":[{"name":"x","shape":[1],"datatype":"FP32","data":[1,]}]}""")]
    [InlineData("""{"inputs":[]} trailing""")]
    [InlineData("""{inputs:[]}""")]
    [InlineData("")]
    public void Read_MalformedJson_ThrowsInvalidArgument(string json)
    {
        AssertInvalid(() => V2JsonRequestReader.Read(Utf8(json), "m", null), "malformed JSON");
    }

    private static void ReadInput(string name, string shape, string datatype, string data) =>
        V2JsonRequestReader.Read(Utf8($$"""{"inputs":[{"name":"{{name}}","shape":{{shape}},"datatype":"{{datatype}}","data":{{data}}}]}"""), "m", null);
}
