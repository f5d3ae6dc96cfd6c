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
        return MeshTlsCertificates.Prepare(options) is { } tls ? builder.UseTls(tls.Certificate, tls.Configure) : builder;
    }
}
