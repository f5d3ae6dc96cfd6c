namespace ModelMesh.Onnx.Tests;

public sealed class OrtInputTensorTests
{
    [Fact]
    public void FromBytes_ByteCountDoesNotMatchShape_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => OrtInputTensor.FromBytes("x", TensorElementType.Float, [2, 4], new byte[40]));
        Assert.Contains("needs 32 bytes, got 40", error.Message);
    }

    [Fact]
    public void FromBytes_StringType_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => OrtInputTensor.FromBytes("x", TensorElementType.String, [1], new byte[4]));

    [Fact]
    public void FromBytes_NegativeDimension_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => OrtInputTensor.FromBytes("x", TensorElementType.Float, [-1, 4], new byte[16]));

    [Fact]
    public void FromBytes_OverflowingShape_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => OrtInputTensor.FromBytes("x", TensorElementType.Float, [long.MaxValue, 4], new byte[16]));

    [Fact]
    public void FromBytes_ValidInput_KeepsNameTypeShapeAndSameMemory()
    {
        var data = new byte[8];
        var tensor = OrtInputTensor.FromBytes("x", TensorElementType.Int32, [2], data);
        Assert.Equal(("x", TensorElementType.Int32), (tensor.Name, tensor.ElementType));
        Assert.Equal([2L], tensor.Shape);
        Assert.True(tensor.Data.Span.Overlaps(data));
    }

    [Fact]
    public void FromStrings_ElementContainsNul_KeepsTheElementAsGiven()
    {
        var tensor = OrtInputTensor.FromStrings("t", [2], ["ok"u8.ToArray(), "a\0b"u8.ToArray()]);
        Assert.Equal("a\0b"u8.ToArray(), tensor.StringElements![1].ToArray());
    }

    [Fact]
    public void FromStrings_CountDoesNotMatchShape_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => OrtInputTensor.FromStrings("t", [3], ["a"u8.ToArray()]));
}
