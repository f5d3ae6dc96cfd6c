using ModelMesh.Onnx.Authoring;
using ModelMesh.Onnx.Authoring.Proto;

namespace ModelMesh.Onnx.Tests.Authoring;

public sealed class OnnxModelBuilderTests
{
    [Fact]
    public void ToBytes_DefaultBuilder_WritesOpset17AndIrVersion8()
    {
        var model = ModelProto.Parser.ParseFrom(new OnnxModelBuilder("g").ToBytes());

        Assert.Equal(8, model.IrVersion);
        var opset = Assert.Single(model.OpsetImport);
        Assert.Equal((string.Empty, 17L), (opset.Domain, opset.Version));
        Assert.Equal("g", model.Graph.Name);
    }

    [Fact]
    public void AddInput_SymbolicAndFixedDims_WritesDimParamAndDimValue()
    {
        var model = ModelProto.Parser.ParseFrom(new OnnxModelBuilder("g")
            .AddInput("x", TensorElementType.Float16, "batch", 8)
            .ToBytes());

        var input = Assert.Single(model.Graph.Input);
        Assert.Equal("x", input.Name);
        Assert.Equal((int)TensorElementType.Float16, input.Type.TensorType.ElemType);
        var dims = input.Type.TensorType.Shape.Dim;
        Assert.Equal(TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam, dims[0].ValueCase);
        Assert.Equal("batch", dims[0].DimParam);
        Assert.Equal(8, dims[1].DimValue);
    }

    [Fact]
    public void AddInitializer_Floats_WritesLittleEndianRawData()
    {
        var model = ModelProto.Parser.ParseFrom(new OnnxModelBuilder("g").AddInitializer("w", [1f, -2f], 2).ToBytes());

        var tensor = Assert.Single(model.Graph.Initializer);
        Assert.Equal((int)TensorElementType.Float, tensor.DataType);
        Assert.Equal([2L], tensor.Dims);
        Assert.Equal(BitConverter.GetBytes(1f).Concat(BitConverter.GetBytes(-2f)), tensor.RawData.ToByteArray());
    }

    [Fact]
    public void AddNode_WithAttributes_WritesTypedAttributes()
    {
        var model = ModelProto.Parser.ParseFrom(new OnnxModelBuilder("g")
            .AddNode("Conv", ["x", "w"], ["y"], OnnxAttribute.Ints("pads", 1, 1, 1, 1), OnnxAttribute.String("auto_pad", "NOTSET"), OnnxAttribute.Float("alpha", 0.5f))
            .ToBytes());

        var node = Assert.Single(model.Graph.Node);
        Assert.Equal(("Conv", "Conv_0"), (node.OpType, node.Name));
        Assert.Equal(["x", "w"], node.Input);
        Assert.Equal(AttributeProto.Types.AttributeType.Ints, node.Attribute[0].Type);
        Assert.Equal([1L, 1, 1, 1], node.Attribute[0].Ints);
        Assert.Equal("NOTSET", node.Attribute[1].S.ToStringUtf8());
        Assert.Equal(0.5f, node.Attribute[2].F);
    }

    [Fact]
    public void Save_NestedPath_CreatesDirectoryAndWritesTheSameBytes()
    {
        var root = Directory.CreateTempSubdirectory("modelmesh-builder-").FullName;
        try
        {
            var builder = new OnnxModelBuilder("g").AddMetadata("author", "tests");
            var path = Path.Combine(root, "a", "b", "model.onnx");
            builder.Save(path);
            Assert.Equal(builder.ToBytes(), File.ReadAllBytes(path));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
