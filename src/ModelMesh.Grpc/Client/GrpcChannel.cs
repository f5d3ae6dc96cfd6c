using System.Collections.Concurrent;

namespace ModelMesh.Grpc;

/// <summary>
/// A client for one server address. <c>http://</c> speaks HTTP/2 cleartext with prior knowledge,
/// <c>https://</c> speaks TLS with HTTP/2 by ALPN. Thread-safe; calls are multiplexed over as many
/// HTTP/2 connections as needed. Every failure surfaces as <see cref="RpcException"/>.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly HttpMessageInvoker _invoker;
    private readonly GrpcChannelOptions _options;
    private readonly ConcurrentDictionary<string, Uri> _methodUris = new(StringComparer.Ordinal);

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        Address = address;
        _options = options;
        _invoker = options.HttpHandler is { } handler
            ? new HttpMessageInvoker(handler, disposeHandler: false)
            : new HttpMessageInvoker(CreateHandler(), disposeHandler: true);
    }

    public Uri Address { get; }

    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        return ForAddress(new Uri(address, UriKind.Absolute), options);
    }

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"Address '{address}' must use http:// or https://.", nameof(address));
        }

        return new GrpcChannel(address, options ?? new GrpcChannelOptions());
    }

    public async Task<TResponse> UnaryCallAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        var payload = method.RequestMarshaller.Serialize(request);
        var result = await ClientUnaryCall.InvokeAsync(_invoker, UriFor(method.FullName), payload, options, _options).ConfigureAwait(false);
        try
        {
            return method.ResponseMarshaller.Deserialize(result.Response.Span);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize response message."), result.Trailers);
        }
    }

    public Task<RawUnaryResult> RawUnaryCallAsync(string fullMethod, ReadOnlyMemory<byte> request, CallOptions options = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(fullMethod);
        return ClientUnaryCall.InvokeAsync(_invoker, UriFor(fullMethod), request, options, _options);
    }

    public void Dispose() => _invoker.Dispose();

    private Uri UriFor(string fullMethod) =>
        _methodUris.GetOrAdd(fullMethod, static (path, address) => new Uri(address, path), Address);

    private static SocketsHttpHandler CreateHandler() => new()
    {
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        InitialHttp2StreamWindowSize = 1024 * 1024,
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    };
}
