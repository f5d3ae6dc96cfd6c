using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ModelMesh.Kubernetes;

/// <summary>Refuses controller settings that cannot work: no namespace, a lease that cannot be renewed in time, zero intervals.</summary>
public sealed partial class KubernetesControllerOptionsValidator : IValidateOptions<KubernetesControllerOptions>
{
    public ValidateOptionsResult Validate(string? name, KubernetesControllerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!DnsLabel().IsMatch(options.Namespace))
        {
            errors.Add($"Namespace '{options.Namespace}' is not a Kubernetes namespace name (lower-case letters, digits and '-', at most 63)");
        }

        if (options.StorageConfigSecret.Length > 0 && (options.StorageConfigSecret.Length > 253 || !DnsSubdomain().IsMatch(options.StorageConfigSecret)))
        {
            errors.Add($"StorageConfigSecret '{options.StorageConfigSecret}' is not a Secret name (lower-case letters, digits, '-' and '.'); empty reads no Secret");
        }

        if (string.IsNullOrWhiteSpace(options.MeshEndpoint))
        {
            errors.Add("MeshEndpoint is required");
        }

        if (string.IsNullOrWhiteSpace(options.LeaseName) || string.IsNullOrWhiteSpace(options.Identity))
        {
            errors.Add("LeaseName and Identity are required");
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(1))
        {
            errors.Add($"LeaseDuration {options.LeaseDuration} is shorter than 1 s (Leases count whole seconds)");
        }

        if (options.RenewDeadline <= TimeSpan.Zero || options.RenewDeadline >= options.LeaseDuration)
        {
            errors.Add($"RenewDeadline {options.RenewDeadline} must be positive and shorter than LeaseDuration {options.LeaseDuration}");
        }

        if (options.RetryPeriod <= TimeSpan.Zero || options.RetryPeriod >= options.RenewDeadline)
        {
            errors.Add($"RetryPeriod {options.RetryPeriod} must be positive and shorter than RenewDeadline {options.RenewDeadline}");
        }

        foreach (var (what, value) in new[] { ("ResyncInterval", options.ResyncInterval), ("PollInterval", options.PollInterval), ("WatchTimeout", options.WatchTimeout), ("ErrorBackoff", options.ErrorBackoff) })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"{what} {value} must be positive");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
