using Microsoft.Extensions.Options;

namespace ModelMesh.Orleans.Hosting;

/// <summary>Checks <see cref="MeshClusterOptions"/> at start: a known registry, ports in range, sane probe settings.</summary>
public sealed class MeshClusterOptionsValidator : IValidateOptions<MeshClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, MeshClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!options.UsesRedis && !string.Equals(options.Registry, "memory", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{MeshClusterOptions.SectionName}:Registry must be 'memory' or a redis:// / rediss:// URL");
        }

        if (options.SiloPort is < 0 or > 65535)
        {
            errors.Add($"{MeshClusterOptions.SectionName}:SiloPort {options.SiloPort} is not a port");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId))
        {
            errors.Add($"{MeshClusterOptions.SectionName}: ClusterId and ServiceId are required");
        }

        if (options.ProbeTimeout <= TimeSpan.Zero || options.MissedProbesLimit < 1)
        {
            errors.Add($"{MeshClusterOptions.SectionName}: ProbeTimeout must be positive and MissedProbesLimit at least 1");
        }

        if (options.ResponseTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{MeshClusterOptions.SectionName}:ResponseTimeout must be positive");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
