using Grpc.Core;
using Grpc.Net.Client;
using ModelMesh.Contracts.Inference;
using ManagementService = ModelMesh.Contracts.Management.ModelMesh;

namespace ModelMesh.Client;

/// <summary>
/// A client of one ModelMesh front door: the management API (<c>modelmesh.v1.ModelMesh</c>) and V2 inference
/// (<c>inference.GRPCInferenceService</c>) over one gRPC channel. Thread-safe; keep one per front door.
/// Every call carries a deadline (the call's <c>timeout</c>, else <see cref="ModelMeshClientOptions.DefaultTimeout"/>);
/// failures surface as <see cref="RpcException"/> with the server's status code and detail.
/// </summary>
public sealed partial class ModelMeshClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly GRPCInferenceService.GRPCInferenceServiceClient _inference;
    private readonly ManagementService.ModelMeshClient _management;
    private readonly bool _ownsChannel;
    private readonly TimeSpan _defaultTimeout;
    private readonly TimeProvider _timeProvider;

    /// <summary>Wraps an existing channel, which the client does not dispose.</summary>
    public ModelMeshClient(GrpcChannel channel, ModelMeshClientOptions? options = null)
        : this(channel, options ?? new ModelMeshClientOptions(), ownsChannel: false)
    {
    }

    private ModelMeshClient(GrpcChannel channel, ModelMeshClientOptions options, bool ownsChannel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (options.DefaultTimeout <= TimeSpan.Zero && options.DefaultTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DefaultTimeout, "DefaultTimeout must be positive or Timeout.InfiniteTimeSpan.");
        }

        _channel = channel;
        _ownsChannel = ownsChannel;
        _defaultTimeout = options.DefaultTimeout;
        _timeProvider = options.TimeProvider;
        _inference = new GRPCInferenceService.GRPCInferenceServiceClient(channel);
        _management = new ManagementService.ModelMeshClient(channel);
    }

    /// <summary>Connects to a front door: <c>host:port</c>, a bare host (port 8033) or an <c>http(s)://</c> URL.</summary>
    public static ModelMeshClient Connect(string endpoint, ModelMeshClientOptions? options = null)
    {
        options ??= new ModelMeshClientOptions();
        var channel = GrpcChannel.ForAddress(EndpointAddress.Parse(endpoint), options.Channel);
        return new ModelMeshClient(channel, options, ownsChannel: true);
    }

    public void Dispose()
    {
        if (_ownsChannel)
        {
            _channel.Dispose();
        }
    }

    private async Task<TResponse> CallAsync<TResponse>(
        Func<CallOptions, AsyncUnaryCall<TResponse>> call, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var budget = timeout ?? _defaultTimeout;
        if (budget <= TimeSpan.Zero && budget != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), budget, "The timeout must be positive or Timeout.InfiniteTimeSpan.");
        }

        DateTime? deadline = budget == Timeout.InfiniteTimeSpan ? null : _timeProvider.GetUtcNow().UtcDateTime + budget;
        using var pending = call(new CallOptions(deadline: deadline, cancellationToken: cancellationToken));
        return await pending.ResponseAsync.ConfigureAwait(false);
    }
}
