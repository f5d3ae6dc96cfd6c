using Grpc.Core;
using Grpc.Net.Client;
using ModelMesh.Client;
using ModelMesh.Serving.Grpc;

namespace ModelMesh.LoadGen.Targets;

/// <summary>V2 ModelInfer over gRPC with pre-serialized requests (<see cref="RawInferMethods.Client"/>); the response is not parsed. Errors are gRPC status names.</summary>
public sealed class GrpcTarget : IInferenceTarget
{
    private readonly GrpcChannel _channel;
    private readonly CallInvoker _invoker;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _samples = new(StringComparer.Ordinal);

    public GrpcTarget(string endpoint)
    {
        _channel = GrpcChannelPool.Create(EndpointAddress.Parse(endpoint).ToString(), 64 * 1024 * 1024);
        _invoker = _channel.CreateCallInvoker();
    }

    public string Protocol => "grpc";

    public IReadOnlyDictionary<string, string> ErrorSamples => _samples;

    public async ValueTask<string?> SendAsync(PreparedInput input, TimeSpan deadline, CancellationToken cancellationToken)
    {
        try
        {
            var request = PooledPayload.Over(input.GrpcBytes);
            var options = new CallOptions(deadline: DateTime.UtcNow + deadline, cancellationToken: cancellationToken);
            using var response = await _invoker.AsyncUnaryCall(RawInferMethods.Client, null, options, request).ResponseAsync.ConfigureAwait(false);
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
