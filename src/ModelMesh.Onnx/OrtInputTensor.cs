using System.Buffers;
using Ort = Microsoft.ML.OnnxRuntime;

namespace ModelMesh.Onnx;

/// <summary>
/// A model input. Numeric tensors reference the caller's bytes, which ORT reads in place during
/// <see cref="OrtSession.Run"/> (pinned, never copied); the caller keeps them unchanged until Run returns.
/// </summary>
public sealed class OrtInputTensor
{
    private static readonly byte[] EmptyData = GC.AllocateArray<byte>(1, pinned: true);

    private OrtInputTensor(string name, TensorElementType elementType, long[] shape, ReadOnlyMemory<byte> data, ReadOnlyMemory<byte>[]? strings)
    {
        Name = name;
        ElementType = elementType;
        Shape = shape;
        Data = data;
        StringElements = strings;
    }

    public string Name { get; }

    public TensorElementType ElementType { get; }

    public long[] Shape { get; }

    /// <summary>Raw little-endian row-major element bytes; empty for string tensors.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The elements of a string tensor; null otherwise.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>>? StringElements { get; }

    /// <summary>
    /// A numeric tensor over raw little-endian row-major bytes, wrapped without copying.
    /// Throws <see cref="ArgumentException"/> when the byte count does not match the shape.
    /// </summary>
    public static OrtInputTensor FromBytes(string name, TensorElementType type, long[] shape, ReadOnlyMemory<byte> data)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        var elementSize = TensorElementTypes.SizeOf(type);
        if (elementSize == 0)
        {
            throw new ArgumentException(
                type == TensorElementType.String
                    ? $"Input '{name}': string tensors are made with FromStrings."
                    : $"Input '{name}': element type {type} has no fixed size.",
                nameof(type));
        }

        var expected = TensorShapes.ElementCount(shape, name) * elementSize;
        if (expected != data.Length)
        {
            throw new ArgumentException(
                $"Input '{name}': {type} shape [{string.Join(",", shape)}] needs {expected} bytes, got {data.Length}.", nameof(data));
        }

        return new OrtInputTensor(name, type, (long[])shape.Clone(), data, null);
    }

    /// <summary>
    /// A string tensor (ONNX STRING, V2 BYTES). Elements are arbitrary bytes, NUL and non-UTF-8 bytes included:
    /// ORT's string elements have a length and are copied in as they are.
    /// </summary>
    public static OrtInputTensor FromStrings(string name, long[] shape, IReadOnlyList<ReadOnlyMemory<byte>> elements)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(elements);
        var count = TensorShapes.ElementCount(shape, name);
        if (count != elements.Count)
        {
            throw new ArgumentException(
                $"Input '{name}': shape [{string.Join(",", shape)}] needs {count} strings, got {elements.Count}.", nameof(elements));
        }

        var copy = new ReadOnlyMemory<byte>[elements.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = elements[i];
        }

        return new OrtInputTensor(name, TensorElementType.String, (long[])shape.Clone(), ReadOnlyMemory<byte>.Empty, copy);
    }

    /// <summary>
    /// Creates the package's OrtValue. A numeric tensor is a view of the caller's bytes, kept in place by
    /// <paramref name="pin"/> (dispose it after the value); a string tensor is filled with copies of the elements.
    /// </summary>
    internal unsafe Ort.OrtValue CreateOrtValue(out MemoryHandle pin)
    {
        if (StringElements is null)
        {
            pin = Data.IsEmpty ? EmptyData.AsMemory().Pin() : Data.Pin();
            try
            {
                return Ort.OrtValue.CreateTensorValueWithData(
                    Ort.OrtMemoryInfo.DefaultInstance, (Ort.Tensors.TensorElementType)(int)ElementType, Shape, (nint)pin.Pointer, Data.Length);
            }
            catch
            {
                pin.Dispose();
                pin = default;
                throw;
            }
        }

        pin = default;
        var value = Ort.OrtValue.CreateTensorWithEmptyStrings(Ort.OrtAllocator.DefaultInstance, Shape);
        try
        {
            for (var i = 0; i < StringElements.Count; i++)
            {
                value.StringTensorSetElementAt(StringElements[i].Span, i);
            }

            return value;
        }
        catch
        {
            value.Dispose();
            throw;
        }
    }
}
