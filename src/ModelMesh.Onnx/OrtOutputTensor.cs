using Ort = Microsoft.ML.OnnxRuntime;

namespace ModelMesh.Onnx;

/// <summary>A model output, copied out of ORT's memory once.</summary>
public sealed class OrtOutputTensor
{
    public OrtOutputTensor(string name, TensorElementType elementType, long[] shape, byte[] data, IReadOnlyList<byte[]>? stringElements = null)
    {
        Name = name;
        ElementType = elementType;
        Shape = shape;
        Data = data;
        StringElements = stringElements;
    }

    public string Name { get; }

    public TensorElementType ElementType { get; }

    public long[] Shape { get; }

    /// <summary>Raw little-endian row-major element bytes; empty for string tensors.</summary>
    public byte[] Data { get; }

    /// <summary>The elements of a string tensor (UTF-8 as the model produced them); null otherwise.</summary>
    public IReadOnlyList<byte[]>? StringElements { get; }

    /// <summary>Copies a tensor that ORT returned (its data once; string elements byte for byte, NUL included).</summary>
    internal static OrtOutputTensor Copy(string name, Ort.OrtValue value)
    {
        if (!value.IsTensor)
        {
            throw new OrtException(OrtErrorCode.NotImplemented, $"Output '{name}' is not a tensor (sequences and maps are not supported).");
        }

        var info = value.GetTensorTypeAndShape();
        var type = (TensorElementType)(int)info.ElementDataType;
        var shape = info.Shape;
        var count = info.ElementCount;
        if (type == TensorElementType.String)
        {
            var strings = new byte[count][];
            for (var i = 0; i < strings.Length; i++)
            {
                strings[i] = value.GetStringElementAsSpan(i).ToArray();
            }

            return new OrtOutputTensor(name, type, shape, [], strings);
        }

        var size = TensorElementTypes.SizeOf(type);
        if (size == 0)
        {
            throw new OrtException(OrtErrorCode.NotImplemented, $"Output '{name}' has element type {(int)type}, which ModelMesh does not support.");
        }

        var data = GC.AllocateUninitializedArray<byte>(checked((int)(count * size)));
        if (data.Length > 0)
        {
            value.GetTensorMutableRawData().CopyTo(data);
        }

        return new OrtOutputTensor(name, type, shape, data);
    }
}
