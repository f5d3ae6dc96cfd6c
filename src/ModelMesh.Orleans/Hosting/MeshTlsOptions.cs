namespace ModelMesh.Orleans.Hosting;

/// <summary>
/// TLS between silos (silo-to-silo and gateway connections, front doors included) with Microsoft.Orleans.Connections.Security;
/// config section <c>ModelMesh:Orleans:Tls</c>, validated by <see cref="MeshTlsOptionsValidator"/>. Off by default. When on,
/// every connection is mutual TLS: each side presents <see cref="CertificatePath"/> and accepts the other side's certificate
/// only if it chains to one of <see cref="TrustedCertificatesPath"/> (a cluster CA, or the members' self-signed
/// certificates themselves). There is no "accept any certificate" setting.
/// </summary>
public sealed class MeshTlsOptions
{
    public const string SectionName = "ModelMesh:Orleans:Tls";

    /// <summary>Use TLS on every Orleans connection of this silo. Every member of a cluster must agree.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// This silo's certificate with its private key: a PKCS#12 file (.pfx/.p12, <see cref="CertificatePassword"/> if it has
    /// one), or a PEM certificate when <see cref="KeyPath"/> names its PEM private key.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="CertificatePath"/>; unset for PKCS#12.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Password of a PKCS#12 <see cref="CertificatePath"/> (or of an encrypted PEM key).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// PEM file with the certificates a remote member's certificate must chain to (one or more: the cluster CA, or the
    /// members' own self-signed certificates). Required: trust is explicit. The remote certificate's host name is not
    /// checked (members are addressed by IP); its chain to these anchors and its validity period are.
    /// </summary>
    public string? TrustedCertificatesPath { get; set; }

    /// <summary>A TLS handshake not done after this long closes the connection (default 10 s, as Orleans).</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
