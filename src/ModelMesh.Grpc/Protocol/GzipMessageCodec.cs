using System.IO.Compression;
using System.Runtime.InteropServices;

namespace ModelMesh.Grpc;

/// <summary>gzip for grpc-encoding: one fresh compression context per message.</summary>
internal static class GzipMessageCodec
{
    public static void Compress(ReadOnlySpan<byte> message, PooledBufferWriter destination)
    {
        using var gzip = new GZipStream(new BufferWriterStream(destination), CompressionLevel.Fastest, leaveOpen: false);
        gzip.Write(message);
    }

    /// <summary>Decompresses into <paramref name="destination"/>, stopping once it exceeds <paramref name="maxSize"/>.</summary>
    public static DecompressionResult TryDecompress(ReadOnlyMemory<byte> compressed, int maxSize, PooledBufferWriter destination)
    {
        var source = MemoryMarshal.TryGetArray(compressed, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(compressed.ToArray(), writable: false);
        try
        {
            using var gzip = new GZipStream(source, CompressionMode.Decompress);
            while (true)
            {
                var span = destination.GetSpan(16 * 1024);
                var read = gzip.Read(span);
                if (read == 0)
                {
                    return DecompressionResult.Success;
                }

                destination.Advance(read);
                if (destination.WrittenCount > maxSize)
                {
                    return DecompressionResult.TooLarge;
                }
            }
        }
        catch (InvalidDataException)
        {
            return DecompressionResult.Corrupt;
        }
    }
}
