using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace ModelMesh.Registry.Resp;

/// <summary>
/// Opens one <see cref="RespConnection"/>: TCP, TLS for rediss:// (<see cref="RespTls"/>), then AUTH,
/// SELECT and CLIENT SETNAME, all within the connect timeout. Every failure is a <see cref="RespConnectionException"/>
/// (or the caller's cancellation); a server certificate that is not trusted fails the handshake at once.
/// </summary>
internal static class RespConnector
{
    public static async Task<RespConnection> ConnectAsync(RespEndpoint endpoint, RespTls? tls, RespClientOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        RespConnection? connection = null;
        try
        {
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token).ConfigureAwait(false);
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (tls is not null)
            {
                var secure = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = secure;
                await HandshakeTlsAsync(secure, tls, endpoint, timeout.Token).ConfigureAwait(false);
            }

            connection = new RespConnection(stream, time);
            if (endpoint.Password is not null)
            {
                await HandshakeAsync(connection, timeout.Token, endpoint.User is null ? ["AUTH", endpoint.Password] : ["AUTH", endpoint.User, endpoint.Password]).ConfigureAwait(false);
            }

            if (endpoint.Database != 0)
            {
                await HandshakeAsync(connection, timeout.Token, "SELECT", endpoint.Database.ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
            }

            if (options.ClientName is { Length: > 0 } name)
            {
                await HandshakeAsync(connection, timeout.Token, "CLIENT", "SETNAME", name).ConfigureAwait(false);
            }

            return connection;
        }
        catch (Exception ex)
        {
            connection?.Abort(ex);
            socket.Dispose();
            if (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new RespConnectionException($"could not connect to {endpoint} within {options.ConnectTimeout.TotalMilliseconds:0} ms", ex);
            }

            if (ex is RespException or OperationCanceledException)
            {
                throw;
            }

            throw new RespConnectionException($"could not connect to {endpoint}: {ex.Message}", ex);
        }
    }

    private static async Task HandshakeTlsAsync(SslStream stream, RespTls tls, RespEndpoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            await stream.AuthenticateAsClientAsync(tls.ClientOptions(), cancellationToken).ConfigureAwait(false);
        }
        catch (AuthenticationException ex)
        {
            var hint = tls.HasCustomRoots ? "" : " (a server certificate from a private CA needs its PEM file: cacert= in the URL or TlsCaCertificateFile)";
            throw new RespConnectionException($"TLS handshake with {endpoint} failed: {ex.Message}{hint}", ex);
        }
    }

    private static async Task HandshakeAsync(RespConnection connection, CancellationToken cancellationToken, params string[] args)
    {
        var (buffer, length) = RespCommandEncoder.Encode(args);
        var command = new RespPendingCommand(buffer, length, 0, long.MaxValue, args[0]);
        connection.Send(command);
        var reply = await command.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (reply.Type == RespType.Error)
        {
            throw new RespConnectionException($"{args[0]} refused: {reply.AsString()}", new RespErrorException(reply.AsString() ?? ""));
        }
    }
}
