using System.Buffers;
using System.Net;

namespace ModelMesh.Grpc;

/// <summary>The request body of a unary call: one length-prefixed message. Small messages go out in a single write.</summary>
internal sealed class LengthPrefixedContent : HttpContent
{
    private const int CoalesceLimit = 64 * 1024;
    private readonly ReadOnlyMemory<byte> _payload;
    private readonly bool _compressed;

    public LengthPrefixedContent(ReadOnlyMemory<byte> payload, bool compressed)
    {
        _payload = payload;
        _compressed = compressed;
        Headers.TryAddWithoutValidation(GrpcHeaderNames.ContentType, GrpcHeaderNames.GrpcContentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (_payload.Length <= CoalesceLimit)
        {
            var total = LengthPrefix.Size + _payload.Length;
            var buffer = ArrayPool<byte>.Shared.Rent(total);
            try
            {
                LengthPrefix.Write(buffer, _compressed, _payload.Length);
                _payload.Span.CopyTo(buffer.AsSpan(LengthPrefix.Size));
                await stream.WriteAsync(buffer.AsMemory(0, total), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            return;
        }

        await stream.WriteAsync(LengthPrefix.Create(_compressed, _payload.Length), cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(_payload, cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
