using ModelMesh.Onnx.Interop;

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

    internal static unsafe OrtOutputTensor FromNative(OrtApi api, string name, nint value)
    {
        if (api.GetValueType(value) != OrtApi.OnnxTypeTensor)
        {
            throw new OrtException(OrtErrorCode.NotImplemented, $"Output '{name}' is not a tensor (sequences and maps are not supported).");
        }

        TensorElementType type;
        long[] shape;
        long count;
        using (var info = api.GetTensorTypeAndShape(value))
        {
            var infoPointer = info.DangerousGetHandle();
            type = api.GetTensorElementType(infoPointer);
            shape = api.GetDimensions(infoPointer);
            count = api.GetTensorShapeElementCount(infoPointer);
        }

        if (type == TensorElementType.String)
        {
            return new OrtOutputTensor(name, type, shape, [], ReadStrings(api, value, count));
        }

        var size = TensorElementTypes.SizeOf(type);
        if (size == 0)
        {
            throw new OrtException(OrtErrorCode.NotImplemented, $"Output '{name}' has element type {(int)type}, which ModelMesh does not support.");
        }

        var data = GC.AllocateUninitializedArray<byte>(checked((int)(count * size)));
        if (data.Length > 0)
        {
            new ReadOnlySpan<byte>(api.GetTensorMutableData(value), data.Length).CopyTo(data);
        }

        return new OrtOutputTensor(name, type, shape, data);
    }

    private static unsafe byte[][] ReadStrings(OrtApi api, nint value, long count)
    {
        if (count == 0)
        {
            return [];
        }

        var total = api.GetStringTensorDataLength(value);
        var buffer = new byte[Math.Max(total, 1)];
        var offsets = new nuint[count];
        fixed (byte* bufferPointer = buffer)
        fixed (nuint* offsetsPointer = offsets)
        {
            api.GetStringTensorContent(value, bufferPointer, total, offsetsPointer, count);
        }

        var strings = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var start = (long)offsets[i];
            var end = i + 1 < count ? (long)offsets[i + 1] : total;
            strings[i] = buffer.AsSpan((int)start, (int)(end - start)).ToArray();
        }

        return strings;
    }
}
