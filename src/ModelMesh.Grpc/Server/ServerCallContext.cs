namespace ModelMesh.Grpc;

/// <summary>The server side of one call, handed to every handler.</summary>
public abstract class ServerCallContext
{
    /// <summary>The full method name, e.g. <c>/pkg.Service/Method</c>.</summary>
    public abstract string Method { get; }

    /// <summary>The peer address, e.g. <c>ipv4:127.0.0.1:5000</c>.</summary>
    public abstract string Peer { get; }

    /// <summary>The call's deadline in UTC; <see cref="DateTime.MaxValue"/> when the client sent none.</summary>
    public abstract DateTime Deadline { get; }

    /// <summary>Fires on client cancellation, on the deadline, or when the connection is lost.</summary>
    public abstract CancellationToken CancellationToken { get; }

    public abstract Metadata RequestHeaders { get; }

    /// <summary>Trailers sent with the final status (also when the handler throws <see cref="RpcException"/>).</summary>
    public abstract Metadata ResponseTrailers { get; }

    public abstract Microsoft.AspNetCore.Http.HttpContext HttpContext { get; }

    /// <summary>
    /// The call's status. A handler may set a non-OK status instead of throwing <see cref="RpcException"/>
    /// (cheaper on hot paths); the returned response message is then discarded.
    /// </summary>
    public Status Status { get; set; } = Status.DefaultSuccess;

    /// <summary>Sends response headers now (at most once; later calls fail).</summary>
    public abstract Task WriteResponseHeadersAsync(Metadata headers);
}
