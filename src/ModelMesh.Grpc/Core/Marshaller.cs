using System.Buffers;

namespace ModelMesh.Grpc;

/// <summary>Turns messages into bytes and back. Either serializer form may be given; both are used when present.</summary>
public sealed class Marshaller<T>
{
    private readonly Func<T, byte[]>? _arraySerializer;
    private readonly Action<T, IBufferWriter<byte>>? _bufferSerializer;
    private readonly Func<ReadOnlySpan<byte>, T> _deserializer;

    public Marshaller(Func<T, byte[]> serializer, Func<ReadOnlySpan<byte>, T> deserializer)
        : this(serializer, null, deserializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
    }

    /// <summary>A marshaller that writes straight into a (pooled) buffer writer; faster on the server.</summary>
    public Marshaller(Action<T, IBufferWriter<byte>> serializer, Func<ReadOnlySpan<byte>, T> deserializer)
        : this(null, serializer, deserializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
    }

    internal Marshaller(Func<T, byte[]>? arraySerializer, Action<T, IBufferWriter<byte>>? bufferSerializer, Func<ReadOnlySpan<byte>, T> deserializer)
    {
        ArgumentNullException.ThrowIfNull(deserializer);
        _arraySerializer = arraySerializer;
        _bufferSerializer = bufferSerializer;
        _deserializer = deserializer;
    }

    /// <summary>Serializes into a new array sized exactly to the message.</summary>
    public byte[] Serialize(T value)
    {
        if (_arraySerializer is not null)
        {
            return _arraySerializer(value);
        }

        var writer = new ArrayBufferWriter<byte>();
        _bufferSerializer!(value, writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Serializes into <paramref name="writer"/>.</summary>
    public void Serialize(T value, IBufferWriter<byte> writer)
    {
        if (_bufferSerializer is not null)
        {
            _bufferSerializer(value, writer);
            return;
        }

        writer.Write(_arraySerializer!(value));
    }

    public T Deserialize(ReadOnlySpan<byte> data) => _deserializer(data);
}
