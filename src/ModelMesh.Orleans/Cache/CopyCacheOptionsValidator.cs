using Microsoft.Extensions.Options;

namespace ModelMesh.Orleans.Cache;

/// <summary>Names the first invalid <see cref="CopyCacheOptions"/> value at startup.</summary>
public sealed class CopyCacheOptionsValidator : IValidateOptions<CopyCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, CopyCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string S = CopyCacheOptions.SectionName;
        if (options.CpuCapacityBytes < 0)
        {
            return ValidateOptionsResult.Fail($"{S}:CpuCapacityBytes must not be negative (got {options.CpuCapacityBytes}).");
        }

        foreach (var (index, bytes) in options.GpuCapacityBytes)
        {
            if (index < 0 || bytes < 0)
            {
                return ValidateOptionsResult.Fail($"{S}:GpuCapacityBytes: GPU {index} with {bytes} bytes is invalid (index and bytes must not be negative).");
            }
        }

        if (options.MaxConcurrentLoads < 1)
        {
            return ValidateOptionsResult.Fail($"{S}:MaxConcurrentLoads must be at least 1 (got {options.MaxConcurrentLoads}).");
        }

        if (options.MaxConcurrentRuns < 1)
        {
            return ValidateOptionsResult.Fail($"{S}:MaxConcurrentRuns must be at least 1 (got {options.MaxConcurrentRuns}).");
        }

        if (options.ChurnGuard < TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail($"{S}:ChurnGuard must not be negative (got {options.ChurnGuard}).");
        }

        if (options.LoadTimeout <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail($"{S}:LoadTimeout must be positive (got {options.LoadTimeout}).");
        }

        if (!Enum.IsDefined(options.Admission))
        {
            return ValidateOptionsResult.Fail($"{S}:Admission must be Lru or TinyLfu (got {options.Admission}).");
        }

        if (options.FrequencyWindow < 1)
        {
            return ValidateOptionsResult.Fail($"{S}:FrequencyWindow must be at least 1 (got {options.FrequencyWindow}).");
        }

        if (options.PublishInterval <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail($"{S}:PublishInterval must be positive (got {options.PublishInterval}).");
        }

        if (options.ChangePublishGap < TimeSpan.Zero || options.ChangePublishGap > options.PublishInterval)
        {
            return ValidateOptionsResult.Fail($"{S}:ChangePublishGap must be between 0 and PublishInterval (got {options.ChangePublishGap}).");
        }

        if (options.ReservationTimeout <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail($"{S}:ReservationTimeout must be positive (got {options.ReservationTimeout}).");
        }

        return ValidateOptionsResult.Success;
    }
}
