using System.Net;

namespace ModelMesh.Grpc;

/// <summary>
/// One unary call over HTTP/2: sends grpc-timeout from the deadline, cancels the stream (RST_STREAM CANCEL)
/// on the caller's token or at the deadline, and turns every failure into <see cref="RpcException"/>.
/// Once the deadline has passed the call reports DEADLINE_EXCEEDED, whatever else it saw.
/// </summary>
internal static class ClientUnaryCall
{
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public static async Task<RawUnaryResult> InvokeAsync(HttpMessageInvoker invoker, Uri uri, ReadOnlyMemory<byte> request, CallOptions call, GrpcChannelOptions options)
    {
        var time = options.TimeProvider;
        var deadline = NormalizeDeadline(call.Deadline);
        TimeSpan? timeout = null;
        if (deadline is { } due)
        {
            timeout = due - time.GetUtcNow().UtcDateTime;
            if (timeout <= TimeSpan.Zero)
            {
                throw DeadlineExceeded();
            }
        }

        if (call.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Cancelled, "Call cancelled by the client."));
        }
        if (request.Length > options.MaxSendMessageSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Sending message larger than max ({request.Length} vs. {options.MaxSendMessageSize})"));
        }

        var compress = GrpcEncodings.IsGzip(options.SendCompression);
        using var httpRequest = CreateRequest(uri, compress ? CompressToArray(request) : request, compress, timeout, call.Headers);
        using var deadlineSource = timeout is { } delay && delay <= MaxTimerDelay ? new CancellationTokenSource(delay, time) : null;
        using var linkedSource = deadlineSource is not null && call.CancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(call.CancellationToken, deadlineSource.Token)
            : null;
        var token = linkedSource?.Token ?? deadlineSource?.Token ?? call.CancellationToken;

        bool DeadlinePassed() => deadlineSource?.IsCancellationRequested == true || (deadline is { } d && time.GetUtcNow().UtcDateTime >= d);

        try
        {
            using var response = await invoker.SendAsync(httpRequest, token).ConfigureAwait(false);
            return await UnaryResponseReader.ReadAsync(response, options.MaxReceiveMessageSize, token).ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && DeadlinePassed())
        {
            throw DeadlineExceeded();
        }
        catch (RpcException)
        {
            throw;
        }
        catch (Exception) when (DeadlinePassed())
        {
            throw DeadlineExceeded();
        }
        catch (Exception) when (call.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Cancelled, "Call cancelled by the client."));
        }
        catch (Exception ex)
        {
            throw new RpcException(ClientErrorMapper.FromException(ex));
        }
    }

    private static HttpRequestMessage CreateRequest(Uri uri, ReadOnlyMemory<byte> payload, bool compressed, TimeSpan? timeout, Metadata? metadata)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new LengthPrefixedContent(payload, compressed),
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation(GrpcHeaderNames.Te, GrpcHeaderNames.Trailers);
        if (timeout is { } value)
        {
            headers.TryAddWithoutValidation(GrpcHeaderNames.Timeout, GrpcTimeout.Format(value));
        }

        if (compressed)
        {
            headers.TryAddWithoutValidation(GrpcHeaderNames.Encoding, GrpcEncodings.Gzip);
        }

        headers.TryAddWithoutValidation(GrpcHeaderNames.AcceptEncoding, GrpcEncodings.AcceptedValue);
        headers.TryAddWithoutValidation(GrpcHeaderNames.UserAgent, GrpcHeaderNames.UserAgentValue);
        if (metadata is not null)
        {
            foreach (var entry in metadata)
            {
                headers.TryAddWithoutValidation(entry.Key, MetadataHeaderCodec.EncodeValue(entry));
            }
        }

        TraceContextInjector.Inject(headers);
        return request;
    }

    private static byte[] CompressToArray(ReadOnlyMemory<byte> message)
    {
        using var writer = new PooledBufferWriter(Math.Max(256, message.Length / 2));
        GzipMessageCodec.Compress(message.Span, writer);
        return writer.WrittenSpan.ToArray();
    }

    private static DateTime? NormalizeDeadline(DateTime? deadline) => deadline switch
    {
        null => null,
        { } d when d == DateTime.MaxValue => null,
        { Kind: DateTimeKind.Local } d => d.ToUniversalTime(),
        { } d => d,
    };

    private static RpcException DeadlineExceeded() => new(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
}
