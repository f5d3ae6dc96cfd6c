using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ModelMesh.Grpc;

/// <summary>Kestrel listeners for gRPC.</summary>
public static class KestrelGrpcExtensions
{
    private const int MinConnectionWindow = 4 * 1024 * 1024;
    private const int MinStreamWindow = 2 * 1024 * 1024;

    /// <summary>
    /// Listens for gRPC: cleartext HTTP/2 with prior knowledge (h2c), or TLS with HTTP/2 negotiated by ALPN
    /// when <paramref name="certificate"/> is given. Also widens Kestrel's HTTP/2 flow-control windows
    /// (never narrows them) so that large tensors stream without stalls.
    /// </summary>
    public static void ListenGrpc(this KestrelServerOptions options, IPAddress address, int port, X509Certificate2? certificate = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(address);
        var http2 = options.Limits.Http2;
        http2.InitialConnectionWindowSize = Math.Max(http2.InitialConnectionWindowSize, MinConnectionWindow);
        http2.InitialStreamWindowSize = Math.Max(http2.InitialStreamWindowSize, MinStreamWindow);
        options.Listen(address, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        });
    }
}
