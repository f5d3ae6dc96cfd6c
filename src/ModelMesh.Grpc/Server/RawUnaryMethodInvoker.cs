namespace ModelMesh.Grpc;

/// <summary>Invokes a <see cref="RawUnaryServerMethod"/>: the bytes pass through untouched.</summary>
internal sealed class RawUnaryMethodInvoker(string fullName, RawUnaryServerMethod handler) : ServerMethodInvoker(fullName)
{
    public override async ValueTask<ServerResponse> InvokeAsync(ReadOnlyMemory<byte> request, ServerCallContext context) =>
        new(await handler(request, context).ConfigureAwait(false), null);
}
