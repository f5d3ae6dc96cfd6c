using ModelMesh.Serving.Json;

namespace ModelMesh.Serving.Tests.Json;

public class V2DatatypesTests
{
    [Theory]
    [InlineData("BOOL", 1)]
    [InlineData("UINT8", 1)]
    [InlineData("UINT16", 2)]
    [InlineData("UINT32", 4)]
    [InlineData("UINT64", 8)]
    [InlineData("INT8", 1)]
    [InlineData("INT16", 2)]
    [InlineData("INT32", 4)]
    [InlineData("INT64", 8)]
    [InlineData("FP16", 2)]
    [InlineData("BF16", 2)]
    [InlineData("FP32", 4)]
    [InlineData("FP64", 8)]
    [InlineData("BYTES", 0)]
    public void ElementSize_KnownDatatype_ReturnsSize(string datatype, int size)
    {
        Assert.Equal(size, V2Datatypes.ElementSize(datatype));
        Assert.True(V2Datatypes.IsKnown(datatype));
    }

    [Theory]
    [InlineData("FP8")]
    [InlineData("fp32")]
    [InlineData("")]
    [InlineData("STRING")]
    public void ElementSize_UnknownDatatype_ReturnsMinusOne(string datatype)
    {
        Assert.Equal(-1, V2Datatypes.ElementSize(datatype));
        Assert.False(V2Datatypes.IsKnown(datatype));
    }
}
