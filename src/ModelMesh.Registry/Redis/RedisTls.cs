using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ModelMesh.Registry;

/// <summary>
/// The TLS side of the registry's connection on rediss://: the CA bundle the server certificate must chain to
/// (instead of the system's roots) and the client certificate for mutual TLS, from the URL's cacert/cert/key
/// parameters or else <see cref="RedisClientOptions"/>. The files are read once, when the registry is built, so a
/// missing or unreadable file fails right there with <see cref="ArgumentException"/> instead of at every reconnect;
/// a changed file takes a new registry. StackExchange.Redis asks <see cref="ClientOptions"/> for the handshake
/// settings of each connection it opens; the last certificate the check refused is kept in <see cref="Rejection"/>
/// so a failed connection can say why and how to fix it.
/// </summary>
internal sealed class RedisTls
{
    private readonly bool _acceptAnyCertificate;
    private readonly string? _caFile;
    private readonly X509Certificate2Collection? _trustedRoots;
    private readonly SslStreamCertificateContext? _clientCertificate;
    private volatile string? _rejection;

    private RedisTls(bool acceptAnyCertificate, string? caFile, X509Certificate2Collection? trustedRoots, SslStreamCertificateContext? clientCertificate)
    {
        _acceptAnyCertificate = acceptAnyCertificate;
        _caFile = caFile;
        _trustedRoots = trustedRoots;
        _clientCertificate = clientCertificate;
    }

    /// <summary>Why the server certificate was refused at the last handshake, or null when the last one was accepted.</summary>
    public string? Rejection => _rejection;

    /// <summary>The TLS settings of <paramref name="endpoint"/>, or null for a plain redis:// endpoint.</summary>
    /// <exception cref="ArgumentException">A file cannot be read, or TLS files are set for a redis:// endpoint.</exception>
    public static RedisTls? Create(RedisEndpoint endpoint, RedisClientOptions options)
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
        return new RedisTls(options.AllowUntrustedCertificates, caFile, roots, client);
    }

    /// <summary>Fresh handshake settings for one connection to <paramref name="host"/>.</summary>
    public SslClientAuthenticationOptions ClientOptions(string host)
    {
        var settings = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            ClientCertificateContext = _clientCertificate,
            EncryptionPolicy = EncryptionPolicy.RequireEncryption,
            RemoteCertificateValidationCallback = Validate,
        };
        if (_trustedRoots is not null)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.AddRange(_trustedRoots);
            settings.CertificateChainPolicy = policy;
        }

        return settings;
    }

    /// <summary>The exception that names why the server certificate was refused and what to change.</summary>
    public RedisCertificateException RejectionError(RedisEndpoint endpoint, string rejection, Exception inner) => _caFile is null
        ? new RedisCertificateException(
            $"the server certificate of {endpoint} is not trusted ({rejection}); a server certificate from a private CA needs its PEM file: cacert= in the URL or TlsCaCertificateFile",
            inner)
        : new RedisCertificateException(
            $"the server certificate of {endpoint} is not trusted by the CA file '{_caFile}' ({rejection}); cacert= must name the CA that signed the server's certificate, and the certificate must name the host of the URL",
            inner);

    /// <summary>
    /// The chain was already built against <see cref="ClientOptions"/>' trust store (the system's roots without one);
    /// this accepts a clean result, or anything when <see cref="RedisClientOptions.AllowUntrustedCertificates"/> is set,
    /// and remembers why it refused.
    /// </summary>
    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None || _acceptAnyCertificate)
        {
            _rejection = null;
            return true;
        }

        var status = chain?.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToArray() ?? [];
        _rejection = status.Length == 0 ? errors.ToString() : $"{errors}: {string.Join(", ", status)}";
        return false;
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
