using Google.Protobuf;
using ModelMesh.Onnx.Authoring.Proto;

namespace ModelMesh.Onnx.Authoring;

/// <summary>A node attribute (ONNX AttributeProto).</summary>
public sealed class OnnxAttribute
{
    private OnnxAttribute(AttributeProto proto) => Proto = proto;

    public string Name => Proto.Name;

    internal AttributeProto Proto { get; }

    public static OnnxAttribute Int(string name, long value) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value });

    public static OnnxAttribute Float(string name, float value) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value });

    public static OnnxAttribute String(string name, string value) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) });

    public static OnnxAttribute Ints(string name, params long[] values)
    {
        var proto = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        proto.Ints.AddRange(values);
        return new OnnxAttribute(proto);
    }

    public static OnnxAttribute Floats(string name, params float[] values)
    {
        var proto = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats };
        proto.Floats.AddRange(values);
        return new OnnxAttribute(proto);
    }

    public static OnnxAttribute Strings(string name, params string[] values)
    {
        var proto = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        foreach (var value in values)
        {
            proto.Strings.Add(ByteString.CopyFromUtf8(value));
        }

        return new OnnxAttribute(proto);
    }
}
