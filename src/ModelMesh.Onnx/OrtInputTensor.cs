using System.Buffers;
using ModelMesh.Onnx.Interop;

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
    /// A string tensor (ONNX STRING, V2 BYTES). ORT's C API takes C strings, so an element that contains
    /// a NUL byte is rejected with <see cref="ArgumentException"/>.
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
            if (copy[i].Span.Contains((byte)0))
            {
                throw new ArgumentException(
                    $"Input '{name}': string element {i} contains a NUL byte, which ONNX Runtime's C API cannot carry.", nameof(elements));
            }
        }

        return new OrtInputTensor(name, TensorElementType.String, (long[])shape.Clone(), ReadOnlyMemory<byte>.Empty, copy);
    }

    /// <summary>Creates the native OrtValue; for numeric tensors <paramref name="pin"/> keeps the caller's bytes in place.</summary>
    internal unsafe OrtValueHandle CreateNativeValue(OrtRuntime runtime, out MemoryHandle pin)
    {
        var api = runtime.Api;
        fixed (long* shape = Shape)
        {
            if (StringElements is null)
            {
                pin = Data.IsEmpty ? EmptyData.AsMemory().Pin() : Data.Pin();
                return api.CreateTensorWithData(runtime.CpuMemoryInfo, pin.Pointer, Data.Length, shape, Shape.Length, ElementType);
            }

            pin = default;
            var value = api.CreateTensor(runtime.DefaultAllocator, shape, Shape.Length, TensorElementType.String);
            try
            {
                FillStrings(api, value.DangerousGetHandle(), StringElements);
                return value;
            }
            catch
            {
                value.Dispose();
                throw;
            }
        }
    }

    private static unsafe void FillStrings(OrtApi api, nint value, IReadOnlyList<ReadOnlyMemory<byte>> elements)
    {
        if (elements.Count == 0)
        {
            return;
        }

        var total = 0;
        foreach (var element in elements)
        {
            total += element.Length + 1;
        }

        // One buffer of NUL-terminated strings and one array of pointers into it; ORT copies both.
        var buffer = ArrayPool<byte>.Shared.Rent(total);
        var pointers = ArrayPool<nint>.Shared.Rent(elements.Count);
        try
        {
            fixed (byte* start = buffer)
            fixed (nint* pointerArray = pointers)
            {
                var offset = 0;
                for (var i = 0; i < elements.Count; i++)
                {
                    var span = elements[i].Span;
                    span.CopyTo(buffer.AsSpan(offset));
                    buffer[offset + span.Length] = 0;
                    pointers[i] = (nint)(start + offset);
                    offset += span.Length + 1;
                }

                api.FillStringTensor(value, (byte**)pointerArray, elements.Count);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<nint>.Shared.Return(pointers);
        }
    }
}
