using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Net.Client;

namespace ModelMesh.Serving.Grpc;

/// <summary>
/// One Grpc.Net.Client <see cref="GrpcChannel"/> per address (host:port), created on first use and shared by all
/// callers: a channel per call would open an HTTP/2 connection per call.
/// </summary>
public sealed class GrpcChannelPool(int maxMessageBytes = 16 * 1024 * 1024) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<GrpcChannel>> _channels = new(StringComparer.Ordinal);

    /// <summary>The channel for <paramref name="address"/> ("host:port" or a full http(s) URI).</summary>
    public GrpcChannel Get(string address) =>
        _channels.GetOrAdd(address, a => new Lazy<GrpcChannel>(() => Create(a, maxMessageBytes))).Value;

    /// <summary>
    /// A channel to <paramref name="address"/> ("host:port": cleartext HTTP/2; or an http(s) URI) with our limits and
    /// connection settings: several HTTP/2 connections when one is full, no idle close, keepalive pings while calls are
    /// active, a 1 MiB stream window so that large tensors stream without stalls; no trace headers of HttpClient's own
    /// (callers add them: <see cref="Tracing.TraceContextHeaders"/>).
    /// </summary>
    public static GrpcChannel Create(string address, int maxMessageBytes, HttpMessageHandler? handler = null) =>
        GrpcChannel.ForAddress(address.Contains("://", StringComparison.Ordinal) ? address : "http://" + address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = maxMessageBytes,
            MaxSendMessageSize = maxMessageBytes,
            HttpHandler = handler ?? CreateHandler(),
            DisposeHttpClient = handler is null,
        });

    /// <summary>Closes and forgets the channel of an address that went away.</summary>
    public void Remove(string address)
    {
        if (_channels.TryRemove(address, out var channel) && channel.IsValueCreated)
        {
            channel.Value.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            if (channel.IsValueCreated)
            {
                channel.Value.Dispose();
            }
        }

        _channels.Clear();
    }

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
        ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
    };
}
