using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ModelMesh.Grpc;

/// <summary>
/// Ends a unary call on Kestrel: the message (gzip when configured and accepted) and OK trailers, or an error
/// status (Trailers-Only when nothing was sent yet). Nothing is written to a call the client already abandoned.
/// </summary>
internal sealed class UnaryResponseSender(GrpcServerOptions options, ILogger logger)
{
    public static readonly Status DeadlineStatus = new(StatusCode.DeadlineExceeded, "Deadline Exceeded");
    public static readonly Status CancelledStatus = new(StatusCode.Cancelled, "Call cancelled by the client.");

    private readonly bool _compressResponses = GrpcEncodings.IsGzip(options.ResponseCompression);

    public async Task WriteSuccessAsync(HttpServerCallContext context, ReadOnlyMemory<byte> payload)
    {
        if (payload.Length > options.MaxSendMessageSize)
        {
            Finish(context, new Status(StatusCode.ResourceExhausted, $"Sending message larger than max ({payload.Length} vs. {options.MaxSendMessageSize})"), null);
            return;
        }

        var response = context.HttpContext.Response;
        PooledBufferWriter? compressed = null;
        try
        {
            var compress = ShouldCompress(context.HttpContext);
            if (compress)
            {
                compressed = new PooledBufferWriter(Math.Max(256, payload.Length / 2));
                GzipMessageCodec.Compress(payload.Span, compressed);
                payload = compressed.WrittenMemory;
                response.Headers[GrpcHeaderNames.Encoding] = GrpcEncodings.Gzip;
            }

            if (!response.HasStarted)
            {
                response.Headers[GrpcHeaderNames.AcceptEncoding] = GrpcEncodings.AcceptedValue;
            }

            await GrpcResponseWriter.WriteMessageAsync(response, payload, compress).ConfigureAwait(false);
            GrpcResponseWriter.WriteStatus(response, Status.DefaultSuccess, context.HasResponseTrailers ? context.ResponseTrailers : null, null);
            context.ResponseCompleted = true;
        }
        finally
        {
            compressed?.Dispose();
        }
    }

    public void Finish(HttpServerCallContext context, Status status, Metadata? errorTrailers)
    {
        if (context.HttpContext.RequestAborted.IsCancellationRequested && !context.DeadlineExceeded)
        {
            GrpcServerLog.CallCancelled(logger, context.Method);
            return;
        }

        GrpcServerLog.CallFailed(logger, context.Method, status.StatusCode, status.Detail);
        GrpcResponseWriter.WriteStatus(context.HttpContext.Response, status, context.HasResponseTrailers ? context.ResponseTrailers : null, errorTrailers);
        context.ResponseCompleted = true;
    }

    public void FinishCancelled(HttpServerCallContext context)
    {
        if (context.DeadlineExceeded)
        {
            GrpcServerLog.DeadlineExceeded(logger, context.Method, context.Deadline);
            Finish(context, DeadlineStatus, null);
        }
        else
        {
            GrpcServerLog.CallCancelled(logger, context.Method);
        }
    }

    public async Task FinishAtDeadlineAsync(HttpServerCallContext context)
    {
        GrpcServerLog.DeadlineExceeded(logger, context.Method, context.Deadline);
        var gate = context.ResponseLock;
        await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            Finish(context, DeadlineStatus, null);
            await context.HttpContext.Response.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private bool ShouldCompress(HttpContext httpContext) =>
        _compressResponses
        && !httpContext.Response.HasStarted
        && GrpcEncodings.AcceptListContains(httpContext.Request.Headers[GrpcHeaderNames.AcceptEncoding].ToString(), GrpcEncodings.Gzip);
}
