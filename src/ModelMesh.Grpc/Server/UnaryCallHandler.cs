using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace ModelMesh.Grpc;

/// <summary>
/// Serves one unary call on Kestrel: validates the request, reads the message, runs the handler under the
/// call's deadline and cancellation, and writes one header + one message + trailers (or Trailers-Only on error).
/// On the deadline the client gets DEADLINE_EXCEEDED at once; the handler (whose token has fired) is still
/// awaited before returning, so the HttpContext it holds stays valid.
/// </summary>
internal sealed class UnaryCallHandler(GrpcServerOptions options, TimeProvider timeProvider, ILogger logger)
{
    private readonly UnaryResponseSender _sender = new(options, logger);

    public Task HandleAsync(HttpContext httpContext, ServerMethodInvoker? invoker)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        if (!GrpcHeaderNames.IsGrpcContentType(request.ContentType))
        {
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return Task.CompletedTask;
        }

        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            response.StatusCode = StatusCodes.Status426UpgradeRequired;
            return Task.CompletedTask;
        }

        response.ContentType = GrpcHeaderNames.GrpcContentType;
        if (invoker is null)
        {
            var path = request.Path.Value ?? string.Empty;
            GrpcResponseWriter.WriteStatus(response, new Status(StatusCode.Unimplemented, $"Method is unimplemented: {path}"), null, null);
            return Task.CompletedTask;
        }

        var encoding = request.Headers[GrpcHeaderNames.Encoding].ToString();
        if (!GrpcEncodings.IsSupported(encoding))
        {
            response.Headers[GrpcHeaderNames.AcceptEncoding] = GrpcEncodings.AcceptedValue;
            var detail = $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: {GrpcEncodings.AcceptedValue}";
            GrpcResponseWriter.WriteStatus(response, new Status(StatusCode.Unimplemented, detail), null, null);
            return Task.CompletedTask;
        }

        return HandleCallAsync(httpContext, invoker, encoding);
    }

    private async Task HandleCallAsync(HttpContext httpContext, ServerMethodInvoker invoker, string encoding)
    {
        var request = httpContext.Request;
        if (httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = null;
        }

        using var context = new HttpServerCallContext(httpContext, invoker.FullName, ReadTimeout(request, invoker.FullName), timeProvider);
        using var assembler = new LengthPrefixedMessageAssembler(options.MaxReceiveMessageSize);
        Status? readFailure;
        try
        {
            readFailure = await RequestMessageReader.ReadAsync(request.BodyReader, assembler, options.MaxReceiveMessageSize, context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (context.CancellationToken.IsCancellationRequested)
        {
            _sender.FinishCancelled(context);
            return;
        }

        if (readFailure is { } failure)
        {
            _sender.Finish(context, failure, null);
            return;
        }

        PooledBufferWriter? decompressed = null;
        try
        {
            var message = assembler.Message;
            if (assembler.IsCompressed)
            {
                decompressed = new PooledBufferWriter(message.Length * 2);
                var decodeFailure = Decompress(message, encoding, decompressed);
                if (decodeFailure is { } badMessage)
                {
                    _sender.Finish(context, badMessage, null);
                    return;
                }

                message = decompressed.WrittenMemory;
            }

            await InvokeAndRespondAsync(context, invoker, message).ConfigureAwait(false);
        }
        finally
        {
            decompressed?.Dispose();
        }
    }

    private async Task InvokeAndRespondAsync(HttpServerCallContext context, ServerMethodInvoker invoker, ReadOnlyMemory<byte> message)
    {
        ServerResponse result = default;
        Status status;
        Metadata? errorTrailers = null;
        try
        {
            var pending = invoker.InvokeAsync(message, context);
            if (!pending.IsCompleted && context.HasDeadlineTimer)
            {
                var handlerTask = pending.AsTask();
                try
                {
                    result = await handlerTask.WaitAsync(context.DeadlineToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!handlerTask.IsCompleted)
                {
                    await _sender.FinishAtDeadlineAsync(context).ConfigureAwait(false);
                    await ObserveAbandonedHandlerAsync(handlerTask, context.Method).ConfigureAwait(false);
                    return;
                }
            }
            else
            {
                result = await pending.ConfigureAwait(false);
            }

            status = context.Status;
        }
        catch (RpcException ex)
        {
            status = ex.Status;
            errorTrailers = ex.Trailers;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            status = context.DeadlineExceeded ? UnaryResponseSender.DeadlineStatus : UnaryResponseSender.CancelledStatus;
        }
        catch (Exception ex)
        {
            GrpcServerLog.HandlerFailed(logger, context.Method, ex);
            var detail = options.EnableDetailedErrors ? $"Exception was thrown by handler. {ex.GetType().Name}: {ex.Message}" : "Exception was thrown by handler.";
            status = new Status(StatusCode.Unknown, detail);
        }

        using (result)
        {
            if (status.StatusCode == StatusCode.OK)
            {
                await _sender.WriteSuccessAsync(context, result.Payload).ConfigureAwait(false);
            }
            else
            {
                _sender.Finish(context, status, errorTrailers);
            }
        }
    }

    private async Task ObserveAbandonedHandlerAsync(Task<ServerResponse> handlerTask, string method)
    {
        try
        {
            using var abandoned = await handlerTask.ConfigureAwait(false);
            GrpcServerLog.AbandonedHandlerFinished(logger, method, null);
        }
        catch (Exception ex)
        {
            GrpcServerLog.AbandonedHandlerFinished(logger, method, ex);
        }
    }

    private Status? Decompress(ReadOnlyMemory<byte> message, string encoding, PooledBufferWriter destination)
    {
        if (!GrpcEncodings.IsGzip(encoding))
        {
            return new Status(StatusCode.Internal, "Request message is compressed but grpc-encoding does not name a compression.");
        }

        return GzipMessageCodec.TryDecompress(message, options.MaxReceiveMessageSize, destination) switch
        {
            DecompressionResult.Success => null,
            DecompressionResult.TooLarge => new Status(StatusCode.ResourceExhausted, $"Received message larger than max (decompressed > {options.MaxReceiveMessageSize})"),
            _ => new Status(StatusCode.Internal, "Failed to decompress the request message."),
        };
    }

    private TimeSpan? ReadTimeout(HttpRequest request, string method)
    {
        var header = request.Headers[GrpcHeaderNames.Timeout];
        if (header.Count == 0)
        {
            return null;
        }

        var value = header.ToString();
        if (GrpcTimeout.TryParse(value, out var timeout))
        {
            return timeout;
        }

        GrpcServerLog.InvalidTimeout(logger, value, method);
        return null;
    }
}
