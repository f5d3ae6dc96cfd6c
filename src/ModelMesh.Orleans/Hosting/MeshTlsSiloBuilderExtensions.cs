using Microsoft.Extensions.Options;
using Orleans.Connections.Security;
using Orleans.Hosting;

namespace ModelMesh.Orleans.Hosting;

public static class MeshTlsSiloBuilderExtensions
{
    /// <summary>
    /// Mutual TLS on every Orleans connection of this silo (silo-to-silo in and out, and its gateway), when
    /// <see cref="MeshTlsOptions.Enabled"/>; otherwise nothing changes. The options are validated (<see cref="MeshTlsOptionsValidator"/>)
    /// and the certificates loaded here, so a bad path fails the host's configuration, not its first connection.
    /// A member without TLS, or whose certificate does not chain to the trusted certificates, cannot connect.
    /// </summary>
    public static ISiloBuilder UseModelMeshTls(this ISiloBuilder builder, MeshTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var validation = new MeshTlsOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(MeshTlsOptions), validation.Failures);
        }

        if (!options.Enabled)
        {
            return builder;
        }

        var certificate = MeshTlsCertificates.LoadLocal(options);
        var trusted = MeshTlsCertificates.LoadTrusted(options);
        return builder.UseTls(certificate, tls =>
        {
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate; // both directions: servers ask clients for theirs
            tls.RemoteCertificateValidation = MeshTlsCertificates.ChainsTo(trusted);
            tls.HandshakeTimeout = options.HandshakeTimeout;
        });
    }
}
