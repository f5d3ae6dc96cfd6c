using System.CommandLine;
using ModelMesh.Orleans.Hosting;

namespace ModelMesh.Host.Cli;

/// <summary>
/// <c>--cluster-tls-cert/--cluster-tls-key/--cluster-tls-trust</c>: mutual TLS between the members of the mesh's Orleans
/// cluster (silo-to-silo, front-door-to-silo), off unless a certificate is given. Every member needs the same trust.
/// </summary>
internal sealed class ClusterTlsFlags
{
    private readonly Option<string?> _cert = new("--cluster-tls-cert") { Description = "PEM certificate of this member for TLS between cluster members (off when not given)" };
    private readonly Option<string?> _key = new("--cluster-tls-key") { Description = "PEM private key of --cluster-tls-cert" };
    private readonly Option<string?> _trust = new("--cluster-tls-trust") { Description = "PEM file of the CA (or member certificates) other members' certificates must chain to" };

    public static ClusterTlsFlags AddTo(Command command)
    {
        var flags = new ClusterTlsFlags();
        command.Options.Add(flags._cert);
        command.Options.Add(flags._key);
        command.Options.Add(flags._trust);
        return flags;
    }

    public MeshTlsOptions Read(ParseResult parse) => parse.GetValue(_cert) is { Length: > 0 } cert
        ? new MeshTlsOptions { Enabled = true, CertificatePath = cert, KeyPath = parse.GetValue(_key), TrustedCertificatesPath = parse.GetValue(_trust) }
        : new MeshTlsOptions();
}
