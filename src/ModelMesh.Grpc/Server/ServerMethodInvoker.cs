namespace ModelMesh.Grpc;

/// <summary>A registered method, reduced to bytes in, bytes out.</summary>
internal abstract class ServerMethodInvoker(string fullName)
{
    public string FullName { get; } = fullName;

    public abstract ValueTask<ServerResponse> InvokeAsync(ReadOnlyMemory<byte> request, ServerCallContext context);
}
