using Orleans.Hosting;

namespace ModelMesh.Orleans.Hosting;

public static class MeshTlsClientBuilderExtensions
{
    /// <summary>
    /// The external-client side of <see cref="MeshTlsSiloBuilderExtensions.UseModelMeshTls"/> (e.g. a tool that connects to a
    /// gateway): mutual TLS with the same options and trust rule, when <see cref="MeshTlsOptions.Enabled"/>.
    /// </summary>
    public static IClientBuilder UseModelMeshTls(this IClientBuilder builder, MeshTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return MeshTlsCertificates.Prepare(options) is { } tls ? builder.UseTls(tls.Certificate, tls.Configure) : builder;
    }
}
