using ModelMesh.Client;
using Grpc.Core;
using ModelMesh.Serving.Grpc;

namespace ModelMesh.LoadGen.Targets;

/// <summary>V2 ModelInfer over gRPC with pre-serialized requests (RawUnaryCallAsync); the response is not parsed. Errors are gRPC status names.</summary>
public sealed class GrpcTarget(string endpoint) : IInferenceTarget
{
    private static readonly string Method = InferenceServiceMethods.ModelInfer.FullName;
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(EndpointAddress.Parse(endpoint));

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _samples = new(StringComparer.Ordinal);

    public string Protocol => "grpc";

    public IReadOnlyDictionary<string, string> ErrorSamples => _samples;

    public async ValueTask<string?> SendAsync(PreparedInput input, TimeSpan deadline, CancellationToken cancellationToken)
    {
        try
        {
            await _channel.RawUnaryCallAsync(Method, input.GrpcBytes, new CallOptions(Deadline: DateTime.UtcNow + deadline, CancellationToken: cancellationToken)).ConfigureAwait(false);
            return null;
        }
        catch (RpcException ex)
        {
            var code = ErrorCodes.Grpc(ex.StatusCode);
            _samples.TryAdd(code, ex.Status.Detail);
            return code;
        }
    }

    public void Dispose() => _channel.Dispose();
}
