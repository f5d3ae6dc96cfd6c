using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ModelMesh.Registry.Resp;

/// <summary>
/// The TLS side of one <see cref="RespClient"/> on rediss://: the CA bundle the server certificate must chain
/// to (instead of the system's roots) and the client certificate for mutual TLS, from the URL's cacert/cert/key
/// parameters or else <see cref="RespClientOptions"/>. The files are read once, when the client is built, so a
/// missing or unreadable file fails right there with <see cref="ArgumentException"/> instead of every
/// reconnect attempt; a changed file takes a new client.
/// </summary>
internal sealed class RespTls
{
    private readonly string _targetHost;
    private readonly bool _acceptAnyCertificate;
    private readonly X509Certificate2Collection? _trustedRoots;
    private readonly SslStreamCertificateContext? _clientCertificate;

    private RespTls(string targetHost, bool acceptAnyCertificate, X509Certificate2Collection? trustedRoots, SslStreamCertificateContext? clientCertificate)
    {
        _targetHost = targetHost;
        _acceptAnyCertificate = acceptAnyCertificate;
        _trustedRoots = trustedRoots;
        _clientCertificate = clientCertificate;
    }

    /// <summary>Whether the server certificate is checked against a CA file of ours rather than the system's roots.</summary>
    public bool HasCustomRoots => _trustedRoots is not null;

    /// <summary>The TLS settings of <paramref name="endpoint"/>, or null for a plain redis:// endpoint.</summary>
    public static RespTls? Create(RespEndpoint endpoint, RespClientOptions options)
    {
        var caFile = endpoint.CaCertificateFile ?? options.TlsCaCertificateFile;
        var certFile = endpoint.ClientCertificateFile ?? options.TlsClientCertificateFile;
        var keyFile = endpoint.ClientKeyFile ?? options.TlsClientKeyFile;
        if (!endpoint.UseTls)
        {
            return caFile is null && certFile is null && keyFile is null
                ? null
                : throw new ArgumentException($"TLS certificate files are set for {endpoint}, which is not a rediss:// URL", nameof(endpoint));
        }

        if (keyFile is not null && certFile is null)
        {
            throw new ArgumentException("a TLS client key file without a client certificate file", nameof(options));
        }

        var roots = caFile is null ? null : Load(caFile, "CA certificate", () => ReadBundle(caFile));
        var client = certFile is null ? null : Load(certFile, "client certificate", () => ReadClientCertificate(certFile, keyFile));
        return new RespTls(endpoint.Host, options.AllowUntrustedCertificates, roots, client);
    }

    /// <summary>Fresh handshake settings for one connection.</summary>
    public SslClientAuthenticationOptions ClientOptions()
    {
        var settings = new SslClientAuthenticationOptions { TargetHost = _targetHost, ClientCertificateContext = _clientCertificate };
        if (_trustedRoots is not null)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.AddRange(_trustedRoots);
            settings.CertificateChainPolicy = policy;
        }

        if (_acceptAnyCertificate)
        {
#pragma warning disable CA5359 // opt-in only (RespClientOptions.AllowUntrustedCertificates), for self-signed test setups
            settings.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        return settings;
    }

    private static X509Certificate2Collection ReadBundle(string file)
    {
        var bundle = new X509Certificate2Collection();
        bundle.ImportFromPemFile(file);
        return bundle.Count > 0 ? bundle : throw new CryptographicException("no PEM certificate in the file");
    }

    private static SslStreamCertificateContext ReadClientCertificate(string certFile, string? keyFile)
    {
        var certificate = X509Certificate2.CreateFromPemFile(certFile, keyFile);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(certFile);
        chain.RemoveAt(0); // the leaf; any further certificates in the file are intermediates to send along
        return SslStreamCertificateContext.Create(certificate, chain, offline: true);
    }

    private static T Load<T>(string file, string what, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new ArgumentException($"the TLS {what} file '{file}' could not be read: {ex.Message}", ex);
        }
    }
}
