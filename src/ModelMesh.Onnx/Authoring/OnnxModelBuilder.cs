using System.Globalization;
using System.Runtime.InteropServices;
using Google.Protobuf;
using ModelMesh.Onnx.Authoring.Proto;

namespace ModelMesh.Onnx.Authoring;

/// <summary>
/// Writes small ONNX models: typed inputs/outputs (fixed or symbolic dims), initializers, nodes with
/// attributes, one opset. Defaults: opset 17 of the ai.onnx domain, IR version 8. Nothing is validated
/// here; ONNX Runtime reports a bad graph when it loads the bytes.
/// </summary>
public sealed class OnnxModelBuilder
{
    public const int DefaultOpset = 17;
    public const long DefaultIrVersion = 8;

    private readonly ModelProto model;
    private readonly GraphProto graph;
    private int nodeCount;

    public OnnxModelBuilder(string graphName, int opset = DefaultOpset, long irVersion = DefaultIrVersion)
    {
        ArgumentException.ThrowIfNullOrEmpty(graphName);
        graph = new GraphProto { Name = graphName };
        model = new ModelProto
        {
            IrVersion = irVersion,
            ProducerName = "ModelMesh",
            ProducerVersion = "1",
            ModelVersion = 1,
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = opset });
    }

    /// <summary>Imports another operator set domain (e.g. "ai.onnx.ml").</summary>
    public OnnxModelBuilder AddOpset(string domain, int version)
    {
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = domain, Version = version });
        return this;
    }

    public OnnxModelBuilder AddInput(string name, TensorElementType type, params OnnxDimension[] shape)
    {
        graph.Input.Add(ValueInfo(name, type, shape));
        return this;
    }

    public OnnxModelBuilder AddOutput(string name, TensorElementType type, params OnnxDimension[] shape)
    {
        graph.Output.Add(ValueInfo(name, type, shape));
        return this;
    }

    public OnnxModelBuilder AddInitializer(string name, float[] values, params long[] dims) =>
        AddInitializer(name, TensorElementType.Float, dims, MemoryMarshal.AsBytes(values.AsSpan()));

    public OnnxModelBuilder AddInitializer(string name, int[] values, params long[] dims) =>
        AddInitializer(name, TensorElementType.Int32, dims, MemoryMarshal.AsBytes(values.AsSpan()));

    public OnnxModelBuilder AddInitializer(string name, long[] values, params long[] dims) =>
        AddInitializer(name, TensorElementType.Int64, dims, MemoryMarshal.AsBytes(values.AsSpan()));

    /// <summary>An initializer from raw little-endian row-major bytes (any fixed-size element type).</summary>
    public OnnxModelBuilder AddInitializer(string name, TensorElementType type, long[] dims, ReadOnlySpan<byte> rawData)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian; big-endian hosts are not supported.");
        }

        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(rawData) };
        tensor.Dims.AddRange(dims);
        graph.Initializer.Add(tensor);
        return this;
    }

    /// <summary>Adds a node of the default domain; its name is generated from the op type.</summary>
    public OnnxModelBuilder AddNode(string opType, string[] inputs, string[] outputs, params OnnxAttribute[] attributes)
    {
        ArgumentException.ThrowIfNullOrEmpty(opType);
        var node = new NodeProto
        {
            OpType = opType,
            Name = string.Create(CultureInfo.InvariantCulture, $"{opType}_{nodeCount++}"),
        };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        foreach (var attribute in attributes)
        {
            node.Attribute.Add(attribute.Proto.Clone());
        }

        graph.Node.Add(node);
        return this;
    }

    public OnnxModelBuilder AddMetadata(string key, string value)
    {
        model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return this;
    }

    public byte[] ToBytes() => model.ToByteArray();

    /// <summary>Writes the model, creating the directory when needed.</summary>
    public void Save(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllBytes(path, ToBytes());
    }

    private static ValueInfoProto ValueInfo(string name, TensorElementType type, OnnxDimension[] shape)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var tensorShape = new TensorShapeProto();
        foreach (var dim in shape)
        {
            tensorShape.Dim.Add(dim.Symbol is { } symbol
                ? new TensorShapeProto.Types.Dimension { DimParam = symbol }
                : new TensorShapeProto.Types.Dimension { DimValue = dim.Size ?? 0 });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = tensorShape } },
        };
    }
}
