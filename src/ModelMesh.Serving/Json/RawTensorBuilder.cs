using Google.Protobuf;

namespace ModelMesh.Serving.Json;

/// <summary>A growable byte buffer that becomes one raw_input_contents entry, without a copy when it is mostly full.</summary>
internal sealed class RawTensorBuilder
{
    private byte[] _buffer;
    private int _length;

    public RawTensorBuilder(long initialCapacity) =>
        _buffer = new byte[(int)Math.Clamp(initialCapacity, 16, Array.MaxLength)];

    public int Length => _length;

    /// <summary>A writable span of at least <paramref name="size"/> bytes at the end; <see cref="Advance"/> commits it.</summary>
    public Span<byte> GetSpan(int size)
    {
        if (_buffer.Length - _length < size)
        {
            Grow(size);
        }

        return _buffer.AsSpan(_length);
    }

    public void Advance(int count) => _length += count;

    public ByteString ToByteString()
    {
        if ((long)_length * 2 >= _buffer.Length)
        {
            return UnsafeByteOperations.UnsafeWrap(_buffer.AsMemory(0, _length));
        }

        return ByteString.CopyFrom(_buffer, 0, _length);
    }

    private void Grow(int size)
    {
        long needed = (long)_length + size;
        long capacity = Math.Max(needed, (long)_buffer.Length * 2);
        if (needed > Array.MaxLength)
        {
            throw JsonCodecErrors.Invalid($"tensor data exceeds {Array.MaxLength} bytes");
        }

        Array.Resize(ref _buffer, (int)Math.Min(capacity, Array.MaxLength));
    }
}
