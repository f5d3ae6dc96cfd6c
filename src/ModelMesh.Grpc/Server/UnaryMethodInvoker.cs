namespace ModelMesh.Grpc;

/// <summary>Invokes a typed unary handler: deserializes the request, serializes the response into a pooled buffer.</summary>
internal sealed class UnaryMethodInvoker<TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    UnaryServerMethod<TRequest, TResponse> handler) : ServerMethodInvoker(method.FullName)
{
    public override async ValueTask<ServerResponse> InvokeAsync(ReadOnlyMemory<byte> request, ServerCallContext context)
    {
        TRequest message;
        try
        {
            message = method.RequestMarshaller.Deserialize(request.Span);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize request message."));
        }

        var response = await handler(message, context).ConfigureAwait(false);
        if (context.Status.StatusCode != StatusCode.OK)
        {
            return default;
        }

        var writer = new PooledBufferWriter();
        try
        {
            method.ResponseMarshaller.Serialize(response, writer);
            return new ServerResponse(writer.WrittenMemory, writer);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }
}
