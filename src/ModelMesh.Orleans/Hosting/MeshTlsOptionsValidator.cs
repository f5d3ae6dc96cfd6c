using Microsoft.Extensions.Options;

namespace ModelMesh.Orleans.Hosting;

/// <summary>Names the first invalid <see cref="MeshTlsOptions"/> value: missing files, a key without a PEM certificate, no trust anchors.</summary>
public sealed class MeshTlsOptionsValidator : IValidateOptions<MeshTlsOptions>
{
    public ValidateOptionsResult Validate(string? name, MeshTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string S = MeshTlsOptions.SectionName;
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return ValidateOptionsResult.Fail($"{S}:CertificatePath is required when TLS is enabled (a .pfx/.p12 file, or a PEM certificate with KeyPath).");
        }

        if (!File.Exists(options.CertificatePath))
        {
            return ValidateOptionsResult.Fail($"{S}:CertificatePath '{options.CertificatePath}' does not exist.");
        }

        if (options.KeyPath is { } key && !File.Exists(key))
        {
            return ValidateOptionsResult.Fail($"{S}:KeyPath '{key}' does not exist.");
        }

        if (string.IsNullOrWhiteSpace(options.TrustedCertificatesPath))
        {
            return ValidateOptionsResult.Fail($"{S}:TrustedCertificatesPath is required when TLS is enabled (PEM: the cluster CA or the members' self-signed certificates).");
        }

        if (!File.Exists(options.TrustedCertificatesPath))
        {
            return ValidateOptionsResult.Fail($"{S}:TrustedCertificatesPath '{options.TrustedCertificatesPath}' does not exist.");
        }

        if (options.HandshakeTimeout <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail($"{S}:HandshakeTimeout must be positive (got {options.HandshakeTimeout}).");
        }

        return ValidateOptionsResult.Success;
    }
}
