using System.Net;

namespace ModelMesh.Grpc;

/// <summary>
/// Reads a unary response: HTTP status and content type, Trailers-Only (status in the headers), or one
/// length-prefixed message (length checked before it is buffered) followed by trailers. Non-OK statuses throw.
/// </summary>
internal static class UnaryResponseReader
{
    public static async Task<RawUnaryResult> ReadAsync(HttpResponseMessage response, int maxReceiveSize, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var code = Http2StatusMapper.FromHttpStatus(response.StatusCode);
            throw new RpcException(new Status(code, $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}"));
        }

        var headers = ResponseStatusReader.ReadMetadata(response.Headers);
        if (ResponseStatusReader.TryReadStatus(response.Headers, out var trailersOnlyStatus))
        {
            throw new RpcException(NoMessage(trailersOnlyStatus), headers);
        }

        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (!GrpcHeaderNames.IsGrpcContentType(contentType))
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Bad gRPC response. Invalid content-type value: {contentType}"));
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var message = await ReadSingleMessageAsync(stream, maxReceiveSize, cancellationToken).ConfigureAwait(false);
        var trailers = ResponseStatusReader.ReadMetadata(response.TrailingHeaders);
        if (!ResponseStatusReader.TryReadStatus(response.TrailingHeaders, out var status))
        {
            throw new RpcException(new Status(StatusCode.Internal, "No grpc-status found on response."), trailers);
        }

        if (status.StatusCode != StatusCode.OK || message is null)
        {
            throw new RpcException(message is null ? NoMessage(status) : status, trailers);
        }

        if (message.Value.Compressed)
        {
            return new RawUnaryResult(Decompress(message.Value.Bytes, headers, maxReceiveSize), headers, trailers);
        }

        return new RawUnaryResult(message.Value.Bytes, headers, trailers);
    }

    private static async Task<(byte[] Bytes, bool Compressed)?> ReadSingleMessageAsync(Stream stream, int maxReceiveSize, CancellationToken cancellationToken)
    {
        var prefix = new byte[LengthPrefix.Size];
        var read = await stream.ReadAtLeastAsync(prefix, LengthPrefix.Size, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < LengthPrefix.Size)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Incomplete message prefix in the response."));
        }

        LengthPrefix.Read(prefix, out var flag, out var length);
        if (flag > 1)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Invalid compressed flag in the response message prefix."));
        }

        if (length > (uint)maxReceiveSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Received message larger than max ({length} vs. {maxReceiveSize})"));
        }

        var bytes = length == 0 ? [] : new byte[length];
        var filled = await stream.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (filled < bytes.Length)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Incomplete message in the response."));
        }

        if (await stream.ReadAsync(prefix.AsMemory(0, 1), cancellationToken).ConfigureAwait(false) != 0)
        {
            throw new RpcException(new Status(StatusCode.Internal, "More than one message in a unary response."));
        }

        return (bytes, flag == 1);
    }

    private static byte[] Decompress(byte[] compressed, Metadata headers, int maxReceiveSize)
    {
        if (!GrpcEncodings.IsGzip(headers.GetValue(GrpcHeaderNames.Encoding)))
        {
            throw new RpcException(new Status(StatusCode.Internal, "Response message is compressed with an unsupported grpc-encoding."));
        }

        using var output = new PooledBufferWriter(compressed.Length * 2);
        return GzipMessageCodec.TryDecompress(compressed, maxReceiveSize, output) switch
        {
            DecompressionResult.Success => output.WrittenSpan.ToArray(),
            DecompressionResult.TooLarge => throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Received message larger than max (decompressed > {maxReceiveSize})")),
            _ => throw new RpcException(new Status(StatusCode.Internal, "Failed to decompress the response message.")),
        };
    }

    private static Status NoMessage(Status status) =>
        status.StatusCode == StatusCode.OK ? new Status(StatusCode.Internal, "Unary call returned OK without a response message.") : status;
}
