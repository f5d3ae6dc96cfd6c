using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Orleans.Connections.Security;

namespace ModelMesh.Orleans.Hosting;

/// <summary>
/// Loads a silo's TLS certificate and its trust anchors from <see cref="MeshTlsOptions"/>, and builds the remote-certificate
/// check: a chain to one of the anchors (custom root trust, no system roots, no revocation lookup: a private cluster CA has no
/// CRL endpoint), whatever the platform's default verdict was (members connect by IP, so the default always reports a name
/// mismatch, and a private CA is never in the system store).
/// </summary>
internal static class MeshTlsCertificates
{
    /// <summary>
    /// Validates <paramref name="options"/> and, when TLS is enabled, loads the certificates and returns what Orleans' <c>UseTls</c>
    /// takes (silo or client builder); null when disabled.
    /// </summary>
    public static (X509Certificate2 Certificate, Action<TlsOptions> Configure)? Prepare(MeshTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new MeshTlsOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(MeshTlsOptions), validation.Failures);
        }

        if (!options.Enabled)
        {
            return null;
        }

        var certificate = LoadLocal(options);
        var trusted = LoadTrusted(options);
        return (certificate, tls =>
        {
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate; // both directions: servers ask clients for theirs
            tls.RemoteCertificateValidation = ChainsTo(trusted);
            tls.HandshakeTimeout = options.HandshakeTimeout;
        });
    }

    public static X509Certificate2 LoadLocal(MeshTlsOptions options)
    {
        var path = options.CertificatePath!;
        X509Certificate2 certificate;
        try
        {
            certificate = options.KeyPath is { } key
                ? options.CertificatePassword is { } password
                    ? X509Certificate2.CreateFromEncryptedPemFile(path, password, key)
                    : X509Certificate2.CreateFromPemFile(path, key)
                : X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"{MeshTlsOptions.SectionName}:CertificatePath '{path}' could not be loaded: {ex.Message}", ex);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"{MeshTlsOptions.SectionName}:CertificatePath '{path}' has no private key (for PEM, set KeyPath).");
        }

        return certificate;
    }

    public static X509Certificate2Collection LoadTrusted(MeshTlsOptions options)
    {
        var anchors = new X509Certificate2Collection();
        try
        {
            anchors.ImportFromPemFile(options.TrustedCertificatesPath!);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"{MeshTlsOptions.SectionName}:TrustedCertificatesPath '{options.TrustedCertificatesPath}' could not be read: {ex.Message}", ex);
        }

        if (anchors.Count == 0)
        {
            throw new InvalidOperationException($"{MeshTlsOptions.SectionName}:TrustedCertificatesPath '{options.TrustedCertificatesPath}' holds no PEM certificate.");
        }

        return anchors;
    }

    /// <summary>Accepts a remote certificate only if it chains to one of <paramref name="anchors"/> and is within its validity period.</summary>
    public static RemoteCertificateValidator ChainsTo(X509Certificate2Collection anchors) => (certificate, presented, _) =>
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore); // intermediates the remote side sent
        }

        return chain.Build(certificate);
    };
}
