namespace ModelMesh.Onnx.Tests;

public sealed class TensorElementTypesTests
{
    [Theory]
    [InlineData("BOOL", TensorElementType.Bool, 1)]
    [InlineData("UINT8", TensorElementType.UInt8, 1)]
    [InlineData("UINT16", TensorElementType.UInt16, 2)]
    [InlineData("UINT32", TensorElementType.UInt32, 4)]
    [InlineData("UINT64", TensorElementType.UInt64, 8)]
    [InlineData("INT8", TensorElementType.Int8, 1)]
    [InlineData("INT16", TensorElementType.Int16, 2)]
    [InlineData("INT32", TensorElementType.Int32, 4)]
    [InlineData("INT64", TensorElementType.Int64, 8)]
    [InlineData("FP16", TensorElementType.Float16, 2)]
    [InlineData("BF16", TensorElementType.BFloat16, 2)]
    [InlineData("FP32", TensorElementType.Float, 4)]
    [InlineData("FP64", TensorElementType.Double, 8)]
    [InlineData("BYTES", TensorElementType.String, 0)]
    public void Mapping_EveryV2Datatype_RoundTripsWithV2ElementSize(string datatype, TensorElementType type, int size)
    {
        Assert.Equal(type, TensorElementTypes.FromV2Datatype(datatype));
        Assert.Equal(datatype, TensorElementTypes.ToV2Datatype(type));
        Assert.Equal(size, TensorElementTypes.SizeOf(type));
    }

    [Fact]
    public void V2Types_Always_ListsFourteenDistinctTypes()
    {
        Assert.Equal(14, TensorElementTypes.V2Types.Distinct().Count());
        Assert.All(TensorElementTypes.V2Types, t => Assert.NotNull(TensorElementTypes.ToV2Datatype(t)));
    }

    [Theory]
    [InlineData("FLOAT32")]
    [InlineData("fp32")]
    [InlineData("")]
    public void FromV2Datatype_UnknownName_ReturnsUndefined(string datatype) =>
        Assert.Equal(TensorElementType.Undefined, TensorElementTypes.FromV2Datatype(datatype));

    [Theory]
    [InlineData(TensorElementType.Complex64)]
    [InlineData(TensorElementType.Complex128)]
    [InlineData(TensorElementType.Undefined)]
    public void ToV2Datatype_TypeWithoutV2Name_ReturnsNull(TensorElementType type) =>
        Assert.Null(TensorElementTypes.ToV2Datatype(type));
}
