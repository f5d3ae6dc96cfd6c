using System.Buffers;
using System.Buffers.Binary;

namespace ModelMesh.Grpc;

/// <summary>The 5-byte prefix of a Length-Prefixed-Message: compressed flag (0/1), then a big-endian uint32 length.</summary>
internal static class LengthPrefix
{
    public const int Size = 5;

    public static void Write(Span<byte> destination, bool compressed, int length)
    {
        destination[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }

    public static byte[] Create(bool compressed, int length)
    {
        var prefix = new byte[Size];
        Write(prefix, compressed, length);
        return prefix;
    }

    public static void Read(ReadOnlySpan<byte> source, out byte flag, out uint length)
    {
        flag = source[0];
        length = BinaryPrimitives.ReadUInt32BigEndian(source[1..]);
    }

    /// <summary>Reads the prefix from the start of <paramref name="buffer"/>, which may span segments.</summary>
    public static bool TryRead(in ReadOnlySequence<byte> buffer, out byte flag, out uint length)
    {
        if (buffer.Length < Size)
        {
            flag = 0;
            length = 0;
            return false;
        }

        Span<byte> prefix = stackalloc byte[Size];
        buffer.Slice(0, Size).CopyTo(prefix);
        Read(prefix, out flag, out length);
        return true;
    }
}
