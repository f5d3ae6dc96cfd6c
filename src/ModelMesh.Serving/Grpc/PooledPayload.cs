using System.Buffers;
using Google.Protobuf;

namespace ModelMesh.Serving.Grpc;

/// <summary>
/// A serialized protobuf message held in an array rented from <see cref="ArrayPool{T}.Shared"/>, so that forwarding a
/// 48 KiB or 4 MiB request does not allocate a new (large-object-heap) array per call. Disposing returns the array;
/// the owner disposes it once (the server handler for a request, the response marshaller for a response).
/// <see cref="Over"/> wraps a caller's array instead (a load generator's pre-serialized request), which is never pooled.
/// </summary>
public sealed class PooledPayload : IDisposable
{
    private readonly bool _rented;
    private byte[]? _array;

    private PooledPayload(byte[] array, int length, bool rented = true)
    {
        _array = array;
        Length = length;
        _rented = rented;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => (_array ?? throw new ObjectDisposedException(nameof(PooledPayload))).AsMemory(0, Length);

    /// <summary>Copies <paramref name="source"/> into a rented array.</summary>
    public static PooledPayload CopyOf(in ReadOnlySequence<byte> source)
    {
        var length = checked((int)source.Length);
        var array = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        source.CopyTo(array);
        return new PooledPayload(array, length);
    }

    /// <summary>Copies <paramref name="source"/> into a rented array.</summary>
    public static PooledPayload CopyOf(ReadOnlySpan<byte> source)
    {
        var array = ArrayPool<byte>.Shared.Rent(Math.Max(source.Length, 1));
        source.CopyTo(array);
        return new PooledPayload(array, source.Length);
    }

    /// <summary>The whole of <paramref name="array"/>, not copied; disposing leaves it alone.</summary>
    public static PooledPayload Over(byte[] array) => new(array, array.Length, rented: false);

    /// <summary>Serializes <paramref name="message"/> into a rented array.</summary>
    public static PooledPayload Serialize(IMessage message)
    {
        var length = message.CalculateSize();
        var array = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        message.WriteTo(array.AsSpan(0, length));
        return new PooledPayload(array, length);
    }

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, null);
        if (array is not null && _rented)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
