using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ModelMesh.Registry.Tests.Infrastructure;

/// <summary>
/// Throwaway PEM files in a temp dir, made with CertificateRequest (no openssl): a CA, a server certificate for
/// 127.0.0.1 and localhost and a client certificate, both signed by that CA, and a second CA that signed nothing
/// (a trust store that does not hold the server's CA). Valid from an hour ago for a day.
/// </summary>
public sealed class TlsCertificates : IDisposable
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    /// <summary>One clock reading for every certificate: a leaf may not outlive its CA, even by the second a busy machine takes between the two.</summary>
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    public TlsCertificates()
    {
        Dir = Directory.CreateTempSubdirectory("mm-tls-").FullName;
        using var ca = CreateCa("CN=ModelMesh test CA");
        using var other = CreateCa("CN=Some other CA");
        WritePem("ca.pem", ca.ExportCertificatePem());
        WritePem("other-ca.pem", other.ExportCertificatePem());
        Issue(ca, "CN=localhost", ServerAuth, "server");
        Issue(ca, "CN=modelmesh-test-client", ClientAuth, "client");
        File.WriteAllText(ClientCertAndKeyFile, File.ReadAllText(ClientCertFile) + File.ReadAllText(ClientKeyFile));
    }

    public string Dir { get; }

    public string CaFile => Path.Combine(Dir, "ca.pem");

    public string OtherCaFile => Path.Combine(Dir, "other-ca.pem");

    public string ServerCertFile => Path.Combine(Dir, "server.pem");

    public string ServerKeyFile => Path.Combine(Dir, "server.key");

    public string ClientCertFile => Path.Combine(Dir, "client.pem");

    public string ClientKeyFile => Path.Combine(Dir, "client.key");

    /// <summary>The client certificate followed by its key in one file.</summary>
    public string ClientCertAndKeyFile => Path.Combine(Dir, "client-with-key.pem");

    /// <summary>A redis-server that speaks only TLS with the server certificate; mutual TLS when asked.</summary>
    public RedisServer StartServer(bool authClients = false, params string[] extraArgs) =>
        RedisServer.StartTls(ServerCertFile, ServerKeyFile, CaFile, authClients, extraArgs);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private X509Certificate2 CreateCa(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(_now.AddHours(-1), _now.AddDays(1));
    }

    private void Issue(X509Certificate2 ca, string subject, string usage, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01); // positive, and 16 bytes long
        using var certificate = request.Create(ca, _now.AddHours(-1), _now.AddDays(1), serial);
        WritePem(name + ".pem", certificate.ExportCertificatePem());
        WritePem(name + ".key", key.ExportPkcs8PrivateKeyPem());
    }

    private void WritePem(string file, string pem) => File.WriteAllText(Path.Combine(Dir, file), pem + "\n");
}
