using ModelMesh.Client;
using ModelMesh.Grpc;
using ModelMesh.Serving.Grpc;

namespace ModelMesh.LoadGen.Targets;

/// <summary>V2 ModelInfer over gRPC with pre-serialized requests (RawUnaryCallAsync); the response is not parsed. Errors are gRPC status names.</summary>
public sealed class GrpcTarget(string endpoint) : IInferenceTarget
{
    private static readonly string Method = InferenceServiceMethods.ModelInfer.FullName;
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(EndpointAddress.Parse(endpoint));

    public string Protocol => "grpc";

    public async ValueTask<string?> SendAsync(PreparedInput input, TimeSpan deadline, CancellationToken cancellationToken)
    {
        try
        {
            await _channel.RawUnaryCallAsync(Method, input.GrpcBytes, new CallOptions(Deadline: DateTime.UtcNow + deadline, CancellationToken: cancellationToken)).ConfigureAwait(false);
            return null;
        }
        catch (RpcException ex)
        {
            return ErrorCodes.Grpc(ex.StatusCode);
        }
    }

    public void Dispose() => _channel.Dispose();
}
