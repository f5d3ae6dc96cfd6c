using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ModelMesh.Orleans.Hosting;

namespace ModelMesh.Orleans.Tests.Hosting;

/// <summary>
/// A throwaway cluster CA and member certificates made in the test with <see cref="CertificateRequest"/> (ECDSA P-256),
/// written as PEM files to a temp folder for <see cref="MeshTlsOptions"/>. Nothing is shipped in the repo.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-tls-").FullName;
    private readonly X509Certificate2 _ca;

    public TestCertificates(string caName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={caName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        TrustPath = Path.Combine(_folder, "ca.pem");
        File.WriteAllText(TrustPath, _ca.ExportCertificatePem());
    }

    /// <summary>PEM file with the CA certificate: what members trust.</summary>
    public string TrustPath { get; }

    /// <summary>Issues a member certificate (server and client authentication) signed by the CA; TLS options that use it.</summary>
    public MeshTlsOptions Member(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false)); // serverAuth, clientAuth
        var serial = RandomNumberGenerator.GetBytes(12);
        using var certificate = request.Create(_ca, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(12), serial);
        var certificatePath = Path.Combine(_folder, name + ".pem");
        var keyPath = Path.Combine(_folder, name + ".key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return new MeshTlsOptions { Enabled = true, CertificatePath = certificatePath, KeyPath = keyPath, TrustedCertificatesPath = TrustPath };
    }

    public void Dispose()
    {
        _ca.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
