using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace ModelMesh.Grpc;

/// <summary>
/// The <see cref="ServerCallContext"/> of a call on Kestrel. The handler's token is the request's abort token
/// linked with a deadline timer (driven by the injected <see cref="TimeProvider"/>) when the client sent grpc-timeout.
/// Response writes are serialized by <see cref="ResponseLock"/> because the deadline path may race the handler.
/// </summary>
internal sealed class HttpServerCallContext : ServerCallContext, IDisposable
{
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly HttpContext _httpContext;
    private readonly CancellationTokenSource? _deadlineSource;
    private readonly CancellationTokenSource? _linkedSource;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private SemaphoreSlim? _responseLock;

    public HttpServerCallContext(HttpContext httpContext, string method, TimeSpan? timeout, TimeProvider timeProvider)
    {
        _httpContext = httpContext;
        Method = method;
        Deadline = DateTime.MaxValue;
        CancellationToken = httpContext.RequestAborted;
        if (timeout is not { } value)
        {
            return;
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        Deadline = value >= DateTime.MaxValue - now ? DateTime.MaxValue : now + value;
        if (value > MaxTimerDelay)
        {
            return;
        }

        _deadlineSource = new CancellationTokenSource(value, timeProvider);
        _linkedSource = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, _deadlineSource.Token);
        CancellationToken = _linkedSource.Token;
    }

    public override string Method { get; }

    public override string Peer => FormatPeer(_httpContext.Connection.RemoteIpAddress, _httpContext.Connection.RemotePort);

    public override DateTime Deadline { get; }

    public override CancellationToken CancellationToken { get; }

    public override Metadata RequestHeaders => _requestHeaders ??= ReadRequestHeaders(_httpContext.Request.Headers);

    public override Metadata ResponseTrailers => _responseTrailers ??= new Metadata();

    public override HttpContext HttpContext => _httpContext;

    /// <summary>A token that fires only at the deadline (never when there is none).</summary>
    public CancellationToken DeadlineToken => _deadlineSource?.Token ?? CancellationToken.None;

    public bool HasDeadlineTimer => _deadlineSource is not null;

    public bool DeadlineExceeded => _deadlineSource?.IsCancellationRequested == true;

    /// <summary>Set once the final status has been written; later writes are dropped.</summary>
    public bool ResponseCompleted { get; set; }

    public bool HasResponseTrailers => _responseTrailers is { Count: > 0 };

    public SemaphoreSlim ResponseLock
    {
        get
        {
            if (_responseLock is null)
            {
                Interlocked.CompareExchange(ref _responseLock, new SemaphoreSlim(1, 1), null);
            }

            return _responseLock;
        }
    }

    public bool HasResponseLock => _responseLock is not null;

    public override async Task WriteResponseHeadersAsync(Metadata headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var gate = ResponseLock;
        await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var response = _httpContext.Response;
            if (ResponseCompleted || response.HasStarted)
            {
                throw new InvalidOperationException("Response headers can only be sent once, before the response completes.");
            }

            foreach (var entry in headers)
            {
                response.Headers.Append(entry.Key, MetadataHeaderCodec.EncodeValue(entry));
            }

            await response.StartAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        _linkedSource?.Dispose();
        _deadlineSource?.Dispose();
        _responseLock?.Dispose();
    }

    private static Metadata ReadRequestHeaders(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers)
        {
            if (MetadataHeaderCodec.IsReserved(header.Key, keepEncodingHeaders: false))
            {
                continue;
            }

            foreach (var value in header.Value)
            {
                MetadataHeaderCodec.AddReceived(metadata, header.Key, value);
            }
        }

        return metadata;
    }

    private static string FormatPeer(IPAddress? address, int port) => address switch
    {
        null => "unknown",
        { AddressFamily: AddressFamily.InterNetworkV6 } => $"ipv6:[{address}]:{port}",
        _ => $"ipv4:{address}:{port}",
    };
}
